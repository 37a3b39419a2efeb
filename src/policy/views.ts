// What policies receive from the graph: frozen plain data. Resource objects are frozen in place (the
// worker's private copy); graph records are copied into small frozen objects, built once per run.
import type { Resource } from '../core/resource.ts';
import type { DestinationRuleInfo, MeshConfig, MeshService, NamespaceInfo, Workload } from '../graph/index.ts';

export function deepFreeze<T>(v: T): T {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return v;
  if (Array.isArray(v)) {
    for (const x of v) deepFreeze(x);
  } else {
    for (const k of Object.keys(v)) deepFreeze((v as any)[k]);
  }
  return Object.freeze(v);
}

/** Converts graph records to policy values, remembering which object stands for which resource. */
export class Views {
  private readonly resourceOfObject = new WeakMap<object, Resource>();
  private readonly cache = new WeakMap<object, unknown>();

  /** The resource's data (frozen), as the policy sees it. */
  object(r: Resource): unknown {
    const o = r.object;
    if (typeof o !== 'object' || o === null) return o;
    if (!this.resourceOfObject.has(o)) {
      deepFreeze(o);
      this.resourceOfObject.set(o, r);
    }
    return o;
  }

  /** The resource a policy value stands for (an object passed to check, or returned by a query). */
  resourceOf(v: unknown): Resource | undefined {
    return typeof v === 'object' && v !== null ? this.resourceOfObject.get(v) : undefined;
  }

  objects(list: readonly Resource[]): readonly unknown[] {
    return Object.freeze(list.map((r) => this.object(r)));
  }

  private memo<S extends object, T>(src: S, make: (s: S) => T): T {
    let v = this.cache.get(src) as T | undefined;
    if (v === undefined) {
      v = deepFreeze(make(src));
      this.cache.set(src, v);
    }
    return v;
  }

  workload(w: Workload): unknown {
    return this.memo(w, (x) => ({
      kind: x.kind,
      namespace: x.namespace,
      name: x.name,
      labels: { ...x.labels },
      annotations: { ...x.annotations },
      serviceAccount: x.serviceAccount,
      containers: x.containers.map((c) => ({ name: c.name, image: c.image, init: c.init, ports: c.ports.map((p) => ({ ...p })) })),
      synthetic: x.synthetic,
      resource: this.object(x.resource),
    }));
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

  meshConfig(m: MeshConfig): unknown {
    return this.memo(m, (x) => {
      const { source: _s, explicit: _e, raw, ...fields } = x as any;
      return { ...structuredClone(fields), raw: structuredClone(raw ?? {}) };
    });
  }
}
