import type { Resource } from '../core/resource.ts';
import type { MeshGraph } from './index.ts';
import { labelMap, push } from './labels.ts';
import type { Labels, Workload } from './types.ts';

export interface SidecarInfo {
  resource: Resource;
  namespace: string;
  name: string;
  /** `workloadSelector.labels`; undefined (or empty) for the namespace default Sidecar. */
  selector?: Labels;
  /** Workloads of its namespace the selector matches (empty for a default Sidecar). */
  workloads: Workload[];
}

/** True for an ambient namespace: dataplane-mode ambient, and neither sidecar injection nor a revision label. */
export function ambientNamespace(labels: Labels): boolean {
  return labels['istio.io/dataplane-mode'] === 'ambient' && labels['istio-injection'] !== 'enabled' && !labels['istio.io/rev'];
}

/** True for a workload captured by ambient (redirection annotation, or its own dataplane-mode label). */
export function ambientWorkload(w: Workload): boolean {
  return w.annotations['ambient.istio.io/redirection'] === 'enabled' || w.labels['istio.io/dataplane-mode'] === 'ambient';
}

/** Sidecar resources with the workloads each selects, and the reverse relation. */
export class Sidecars {
  readonly all: SidecarInfo[] = [];
  readonly byWorkload = new Map<Workload, SidecarInfo[]>();
  readonly defaultsByNamespace = new Map<string, SidecarInfo[]>();

  constructor(g: MeshGraph) {
    for (const r of g.resources.ofKind('Sidecar', 'networking.istio.io')) {
      const ws = r.object?.spec?.workloadSelector;
      const selector = ws && typeof ws === 'object' ? labelMap(ws.labels) : undefined;
      const scoped = !!selector && Object.keys(selector).length > 0;
      const info: SidecarInfo = { resource: r, namespace: r.namespace, name: r.name, selector, workloads: scoped ? g.workloads.select({ labels: selector!, expressions: [] }, r.namespace) : [] };
      this.all.push(info);
      if (!scoped) push(this.defaultsByNamespace, r.namespace, info);
      for (const w of info.workloads) push(this.byWorkload, w, info);
    }
  }
}
