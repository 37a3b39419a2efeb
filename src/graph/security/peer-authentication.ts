import type { Resource } from '../../core/resource.ts';
import type { MeshGraph } from '../index.ts';
import { labelMap, push } from '../labels.ts';
import type { Labels, Workload } from '../types.ts';

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';
const MODES = new Set(['STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET']);

export interface PortMtls {
  mode: MtlsMode | 'UNSET';
  pointer: string;
}

export interface PeerAuthInfo {
  resource: Resource;
  namespace: string;
  name: string;
  /** `selector.matchLabels`; undefined when absent or empty (the policy is namespace- or mesh-wide). */
  selector?: Labels;
  scope: 'mesh' | 'namespace' | 'workload';
  /** `mtls.mode`; undefined when not written, which, like UNSET, inherits from the level above. */
  mode?: MtlsMode | 'UNSET';
  /** Pointer of `mtls.mode` (or of the closest field written). */
  modePointer: string;
  /** `portLevelMtls` by workload (container) port; Istio applies it only to workload-level policies. */
  ports: ReadonlyMap<number, PortMtls>;
  /** Workloads of its namespace the selector matches (empty for namespace- and mesh-wide policies). */
  workloads: readonly Workload[];
  /** True for a policy with a selector in the root namespace: istiod ignores it. */
  ignored: boolean;
}

/** The mTLS mode in force for a workload port and the policy (and level) that sets it. */
export interface EffectiveMtls {
  mode: MtlsMode;
  level: 'port' | 'workload' | 'namespace' | 'mesh' | 'default';
  /** The deciding PeerAuthentication; undefined when no policy sets a mode (Istio's default, PERMISSIVE). */
  policy?: PeerAuthInfo;
  pointer?: string;
}

const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const modeOf = (v: unknown): MtlsMode | 'UNSET' | undefined => (typeof v === 'string' && MODES.has(v) ? (v as MtlsMode | 'UNSET') : undefined);
/** Istio applies the oldest of competing policies; files seldom carry creation times, so then the name decides. */
const older = (a: PeerAuthInfo, b: PeerAuthInfo) => {
  const ta = String(a.resource.object?.metadata?.creationTimestamp ?? '');
  const tb = String(b.resource.object?.metadata?.creationTimestamp ?? '');
  return ta !== tb && ta && tb ? (ta < tb ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
};

function peerAuthOf(g: MeshGraph, r: Resource): PeerAuthInfo {
  const spec = isMap(r.object?.spec) ? r.object.spec : {};
  const labels = labelMap(spec.selector?.matchLabels);
  const selector = Object.keys(labels).length ? labels : undefined;
  const scope = selector ? 'workload' : r.namespace === g.mesh.rootNamespace ? 'mesh' : 'namespace';
  const ports = new Map<number, PortMtls>();
  if (isMap(spec.portLevelMtls)) {
    for (const [k, v] of Object.entries(spec.portLevelMtls)) {
      const mode = modeOf((v as any)?.mode);
      if (/^\d+$/.test(k) && mode) ports.set(Number(k), { mode, pointer: `/spec/portLevelMtls/${k}/mode` });
    }
  }
  const mode = isMap(spec.mtls) ? modeOf(spec.mtls.mode) : undefined;
  const modePointer = mode ? '/spec/mtls/mode' : isMap(spec.mtls) ? '/spec/mtls' : '/spec';
  const workloads = selector ? g.workloads.select({ labels: selector, expressions: [] }, r.namespace) : [];
  const ignored = !!selector && r.namespace === g.mesh.rootNamespace;
  return { resource: r, namespace: r.namespace, name: r.name, selector, scope, mode, modePointer, ports, workloads, ignored };
}

/** PeerAuthentications indexed by scope: the mesh policy, one default per namespace, and per selected workload. */
export class PeerAuthentications {
  readonly all: PeerAuthInfo[] = [];
  /** Selector-less policies of the root namespace, oldest first. */
  readonly meshWide: PeerAuthInfo[] = [];
  private readonly byNamespace = new Map<string, PeerAuthInfo[]>();
  private readonly byWorkload = new Map<Workload, PeerAuthInfo[]>();
  private readonly byResource = new Map<Resource, PeerAuthInfo>();
  private readonly inheritedCache = new Map<string, EffectiveMtls>();

  constructor(g: MeshGraph) {
    for (const r of g.resources.ofKind('PeerAuthentication', 'security.istio.io')) {
      const pa = peerAuthOf(g, r);
      this.all.push(pa);
      this.byResource.set(r, pa);
      if (pa.scope === 'mesh') this.meshWide.push(pa);
      else if (pa.scope === 'namespace') push(this.byNamespace, pa.namespace, pa);
      if (!pa.ignored) for (const w of pa.workloads) push(this.byWorkload, w, pa);
    }
    this.meshWide.sort(older);
    for (const list of this.byNamespace.values()) list.sort(older);
    for (const list of this.byWorkload.values()) list.sort(older);
  }

  of(r: Resource): PeerAuthInfo | undefined {
    return this.byResource.get(r);
  }

  /** Selector-less policies of a (non-root) namespace, oldest first: the first one applies. */
  namespaceWide(ns: string): readonly PeerAuthInfo[] {
    return this.byNamespace.get(ns) ?? [];
  }

  /** Policies whose selector matches the workload, oldest first: the first one applies. */
  forWorkload(w: Workload): readonly PeerAuthInfo[] {
    return this.byWorkload.get(w) ?? [];
  }

  /**
   * The mode in force on a workload port: portLevelMtls of the workload policy, then its mode, then the
   * namespace policy, then the mesh policy; UNSET (or no mode) at a level defers to the level above; nothing set
   * means PERMISSIVE.
   */
  effective(w: Workload, port?: number): EffectiveMtls {
    const wl = this.forWorkload(w)[0];
    if (wl && port !== undefined) {
      const p = wl.ports.get(port);
      if (p && p.mode !== 'UNSET') return { mode: p.mode, level: 'port', policy: wl, pointer: p.pointer };
    }
    return this.inherited(w.namespace, wl);
  }

  /** The mode a namespace's workloads get without a workload policy (namespace, then mesh, then PERMISSIVE). */
  inherited(ns: string, workloadPolicy?: PeerAuthInfo): EffectiveMtls {
    if (!workloadPolicy || !workloadPolicy.mode || workloadPolicy.mode === 'UNSET') {
      let e = this.inheritedCache.get(ns);
      if (!e) this.inheritedCache.set(ns, (e = this.resolve(ns)));
      return e;
    }
    return this.resolve(ns, workloadPolicy);
  }

  private resolve(ns: string, workloadPolicy?: PeerAuthInfo): EffectiveMtls {
    const levels: [PeerAuthInfo | undefined, EffectiveMtls['level']][] = [[workloadPolicy, 'workload'], [this.namespaceWide(ns)[0], 'namespace'], [this.meshWide[0], 'mesh']];
    for (const [pa, level] of levels) {
      if (pa?.mode && pa.mode !== 'UNSET') return { mode: pa.mode, level, policy: pa, pointer: pa.modePointer };
    }
    return { mode: 'PERMISSIVE', level: 'default' };
  }
}
