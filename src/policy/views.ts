// What policies receive from the graph: plain data the interpreter treats as read-only (only objects a policy
// built itself are writable, see runtime/values.ts). Resource objects are the worker's private copy, handed over
// as they are; graph records are copied into small objects, built once per run.
import type { Resource } from '../core/resource.ts';
import type { DestinationRuleInfo, MeshConfig, MeshService, NamespaceInfo, Workload } from '../graph/index.ts';
import type { EffectiveMtls, SidecarStatus } from '../graph/security/index.ts';

/** Converts graph records to policy values, remembering which object stands for which resource. */
export class Views {
  // A Map, not a WeakMap: the resources live as long as the run, and a large WeakMap costs every collection.
  private readonly resourceOfObject = new Map<object, Resource>();
  private readonly cache = new WeakMap<object, unknown>();
  private readonly workloadOfView = new Map<unknown, Workload>();

  /** The resource's data, as the policy sees it. */
  object(r: Resource): unknown {
    const o = r.object;
    if (typeof o === 'object' && o !== null && !this.resourceOfObject.has(o)) this.resourceOfObject.set(o, r);
    return o;
  }

  /** The resource a policy value stands for (an object passed to check, or returned by a query). */
  resourceOf(v: unknown): Resource | undefined {
    return typeof v === 'object' && v !== null ? this.resourceOfObject.get(v) : undefined;
  }

  objects(list: readonly Resource[]): readonly unknown[] {
    return list.map((r) => this.object(r));
  }

  private memo<S extends object, T>(src: S, make: (s: S) => T): T {
    let v = this.cache.get(src) as T | undefined;
    if (v === undefined) {
      v = make(src);
      this.cache.set(src, v);
    }
    return v;
  }

  /** The workload a workload answer stands for. */
  workloadOf(v: unknown): Workload | undefined {
    return this.workloadOfView.get(v);
  }

  workload(w: Workload): unknown {
    return this.memo(w, (x) => {
      const view = {
        kind: x.kind,
        namespace: x.namespace,
        name: x.name,
        labels: { ...x.labels },
        annotations: { ...x.annotations },
        serviceAccount: x.serviceAccount,
        containers: x.containers.map((c) => ({ name: c.name, image: c.image, init: c.init, ports: c.ports.map((p) => ({ ...p })) })),
        synthetic: x.synthetic,
        resource: this.object(x.resource),
      };
      this.workloadOfView.set(view, x);
      return view;
    });
  }

  service(s: MeshService): unknown {
    return this.memo(s, (x) => ({
      kind: x.kind,
      namespace: x.namespace,
      name: x.name,
      hosts: [...x.hosts],
      ports: x.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.targetPort, protocol: p.protocol, appProtocol: p.appProtocol })),
      selector: x.selector ? { ...x.selector } : undefined,
      exportTo: [...x.exportTo],
      synthetic: x.synthetic,
      resource: this.object(x.resource),
    }));
  }

  destinationRule(d: DestinationRuleInfo): unknown {
    return this.memo(d, (x) => ({
      namespace: x.namespace,
      name: x.name,
      host: x.host,
      fqdn: x.fqdn,
      subsets: x.subsets.map((s) => ({ name: s.name, labels: { ...s.labels } })),
      exportTo: [...x.exportTo],
      resource: this.object(x.resource),
    }));
  }

  namespace(n: NamespaceInfo): unknown {
    return this.memo(n, (x) => ({ name: x.name, labels: { ...x.labels }, declared: x.declared, resource: x.resource ? this.object(x.resource) : undefined }));
  }

  sidecar(s: SidecarStatus): unknown {
    return this.memo(s, (x) => ({ state: x.state, mode: x.mode, reason: x.reason }));
  }

  mtls(m: EffectiveMtls): unknown {
    return this.memo(m, (x) => ({ mode: x.mode, level: x.level, policy: x.policy ? this.object(x.policy.resource) : undefined }));
  }

  meshConfig(m: MeshConfig): unknown {
    return this.memo(m, (x) => {
      const { source: _s, explicit: _e, raw, ...fields } = x as any;
      return { ...structuredClone(fields), raw: structuredClone(raw ?? {}) };
    });
  }
}
