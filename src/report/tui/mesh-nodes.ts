import type { RefState, Workload } from '../../graph/index.ts';
import { text, type Line, type Segment } from './lines.ts';
import type { TreeNode } from './mesh-types.ts';

/** mTLS mode and sidecar status of a workload; 'unknown' until the graph offers a security model. */
export interface WorkloadSecurity {
  mtls: string;
  sidecar: string;
}

export type SecurityLookup = (w: Workload) => WorkloadSecurity;

export const node = (label: Line, children: readonly TreeNode[] = []): TreeNode => ({ label, children });

/** A broken link: drawn in the "missing" tone (and counted per host), or muted when the target kind was not loaded. */
export function broken(state: RefState, missing: string, unknown: string): Segment {
  return state === 'missing' ? text(`  ✖ ${missing}`, 'missing') : text(`  ? ${unknown}`, 'muted');
}

export function workloadNodes(ws: readonly Workload[], security: SecurityLookup): TreeNode[] {
  return ws.map((w) => {
    const s = security(w);
    return node([text(`${w.kind} ${w.namespace}/${w.name}`), text(`  mTLS ${s.mtls} · sidecar ${s.sidecar}`, 'muted')]);
  });
}

/** A share of a route: `100%` alone, else the weight and, when the weights do not add up to 100, its percentage. */
export function share(weight: number, total: number, siblings: number): string {
  if (siblings <= 1) return '100%';
  if (total === 100) return `${weight}%`;
  return total > 0 ? `${weight} (${((100 * weight) / total).toFixed(1)}%)` : `${weight}`;
}
