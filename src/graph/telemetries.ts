import type { Resource } from '../core/resource.ts';
import type { Facet, MeshGraph } from './index.ts';
import { labelMap, push } from './labels.ts';
import type { Labels, Workload } from './types.ts';

export interface TelemetryInfo {
  resource: Resource;
  namespace: string;
  name: string;
  /** `selector.matchLabels`; undefined when the Telemetry has no `selector`. */
  selector?: Labels;
  /** Has `targetRef` or `targetRefs`: it applies to the gateways or services it names. */
  targeted: boolean;
  /** Workloads of its namespace the selector matches (empty without matchLabels). */
  workloads: Workload[];
}

/** Telemetry resources with the workloads each selects, the reverse relation, and the namespace-wide ones. */
export class Telemetries {
  readonly all: TelemetryInfo[] = [];
  readonly byWorkload = new Map<Workload, TelemetryInfo[]>();
  /** Telemetries without selector or target, by namespace (the root namespace's apply mesh-wide). */
  readonly defaultsByNamespace = new Map<string, TelemetryInfo[]>();

  constructor(g: MeshGraph) {
    for (const r of g.resources.ofKind('Telemetry', 'telemetry.istio.io')) {
      const spec = r.object?.spec ?? {};
      const sel = spec.selector;
      const selector = sel && typeof sel === 'object' ? labelMap(sel.matchLabels) : undefined;
      const targeted = spec.targetRef !== undefined || (Array.isArray(spec.targetRefs) && spec.targetRefs.length > 0);
      const scoped = !!selector && Object.keys(selector).length > 0;
      const info: TelemetryInfo = { resource: r, namespace: r.namespace, name: r.name, targeted, workloads: scoped ? g.workloads.select({ labels: selector!, expressions: [] }, r.namespace) : [] };
      if (selector) info.selector = selector;
      this.all.push(info);
      if (sel === undefined && !targeted) push(this.defaultsByNamespace, r.namespace, info);
      for (const w of info.workloads) push(this.byWorkload, w, info);
    }
  }
}

export const telemetries: Facet<Telemetries> = { id: 'telemetries', build: (g) => new Telemetries(g) };
