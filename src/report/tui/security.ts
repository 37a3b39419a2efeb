import type { MeshGraph } from '../../graph/index.ts';
import { security } from '../../graph/security/index.ts';
import type { SecurityLookup } from './mesh.ts';

/** mTLS mode and sidecar status of each workload, from the graph's security model. */
export function securityLookup(g: MeshGraph): SecurityLookup {
  const model = g.facet(security);
  return (w) => {
    const s = model.sidecar(w);
    const sidecar = s.state === 'unknown' ? 'unknown' : s.state === 'out' ? 'none' : s.mode === 'sidecar' ? 'injected' : s.mode;
    // Without a proxy nothing enforces the PeerAuthentication mode on the workload.
    if (s.state === 'out') return { mtls: 'not enforced', sidecar };
    const m = model.mtls(w);
    return { mtls: `${m.mode}${m.level === 'default' ? ' (default)' : ''}`, sidecar };
  };
}
