import type { Resource } from '../core/resource.ts';
import { LabelIndex, isEmptySelector, push } from './labels.ts';
import type { MeshConfig } from './mesh-config.ts';
import { HostRegistry, serviceEntryOf, serviceOf } from './services.ts';
import type { ResourceStore } from './store.ts';
import { defaultIngress } from './synthetic.ts';
import type { MeshService, Selector, Workload } from './types.ts';
import { WORKLOAD_KINDS, workloadOf } from './workloads.ts';

/** Every workload, indexed by namespace and label for selectors. */
export class Workloads {
  readonly index = new LabelIndex<Workload>();
  private readonly byResource = new Map<Resource, Workload>();
  /** True when the inputs hold at least one workload (so a selector matching none is `missing`, not `unknown`). */
  readonly loaded: boolean;

  constructor(store: ResourceStore, ingressPod: Resource | undefined) {
    let loaded = false;
    for (const kind of WORKLOAD_KINDS) {
      for (const r of store.ofKind(kind)) {
        const w = workloadOf(r);
        if (!w) continue;
        loaded = true;
        this.add(w);
      }
    }
    this.loaded = loaded;
    // Inputs that deploy the ingress gateway themselves (any namespace) replace the assumed one.
    const w = ingressPod && workloadOf(ingressPod);
    if (w && !this.index.select({ labels: { istio: w.labels.istio }, expressions: [] }).length) this.add({ ...w, synthetic: true });
  }

  private add(w: Workload): void {
    this.index.add(w);
    this.byResource.set(w.resource, w);
  }

  all(): readonly Workload[] {
    return this.index.all;
  }

  inNamespace(ns: string): readonly Workload[] {
    return this.index.inNamespace(ns);
  }

  /** Workloads whose pod labels match the selector, in `ns` or (undefined) anywhere. */
  select(selector: Selector, ns?: string): Workload[] {
    return this.index.select(selector, ns);
  }

  /** The workload a resource declares (a Deployment's pod template…). */
  of(r: Resource): Workload | undefined {
    return this.byResource.get(r);
  }
}

/** Services and ServiceEntries: the host registry plus the Service ↔ workload relation. */
export class Services {
  readonly registry = new HostRegistry();
  /** Kubernetes Services / ServiceEntries were loaded from the inputs (the assumed ingress Service does not count). */
  readonly servicesLoaded: boolean;
  readonly serviceEntriesLoaded: boolean;
  private readonly byResource = new Map<Resource, MeshService>();
  private readonly byNs = new Map<string, MeshService[]>();
  private reverse?: Map<Workload, MeshService[]>;

  constructor(store: ResourceStore, mesh: MeshConfig, private readonly workloads: Workloads, ingressService: Resource | undefined) {
    const services = store.ofKind('Service', '');
    const entries = store.ofKind('ServiceEntry', 'networking.istio.io');
    this.servicesLoaded = services.length > 0;
    this.serviceEntriesLoaded = entries.length > 0;
    for (const r of services) this.add(serviceOf(r, mesh));
    for (const r of entries) this.add(serviceEntryOf(r, mesh));
    if (ingressService) this.add(serviceOf(ingressService, mesh, true));
  }

  private add(s: MeshService): void {
    this.registry.add(s);
    this.byResource.set(s.resource, s);
    push(this.byNs, s.namespace, s);
  }

  /** Services and ServiceEntries declared in a namespace. */
  inNamespace(ns: string): readonly MeshService[] {
    return this.byNs.get(ns) ?? [];
  }

  /** True when any Service or ServiceEntry was loaded: a host that resolves to nothing is then `missing`. */
  get loaded(): boolean {
    return this.servicesLoaded || this.serviceEntriesLoaded;
  }

  all(): readonly MeshService[] {
    return this.registry.services;
  }

  of(r: Resource): MeshService | undefined {
    return this.byResource.get(r);
  }

  /**
   * The workloads behind a service: pods its selector matches in its namespace (ServiceEntries: workloads
   * and WorkloadEntries their workloadSelector matches). A Service without selector has none we can see.
   */
  workloadsOf(s: MeshService): Workload[] {
    if (!s.selector) return [];
    const sel: Selector = { labels: s.selector, expressions: [] };
    if (s.kind === 'Service' && isEmptySelector(sel)) return [];
    return this.workloads.select(sel, s.namespace);
  }

  /** Services (and ServiceEntries with a workloadSelector) that select the workload. */
  servicesOf(w: Workload): readonly MeshService[] {
    if (!this.reverse) {
      this.reverse = new Map();
      for (const s of this.registry.services) for (const x of this.workloadsOf(s)) push(this.reverse, x, s);
    }
    return this.reverse.get(w) ?? [];
  }
}

export function ingressObjects(store: ResourceStore, mesh: MeshConfig): { pod?: Resource; service?: Resource } {
  const ingress = defaultIngress(mesh);
  if (!ingress) return {};
  // Inputs that define the ingress Service themselves replace the assumed one.
  const hasService = store.get('', 'Service', mesh.istioNamespace, mesh.ingressService) !== undefined;
  return { pod: ingress.pod, service: hasService ? undefined : ingress.service };
}
