import type { Resource } from '../core/resource.ts';
import type { MeshGraph } from './index.ts';
import type { RefKind, RefState } from './types.ts';

/** A node of the picture of the mesh: an object, a subset, or a reference target that does not exist. */
export interface ViewNode {
  id: string;
  kind: string;
  label: string;
  namespace?: string;
  file?: string;
  line?: number;
  /** `missing` / `unknown` for targets that were referenced but not found. */
  state?: RefState;
  synthetic?: boolean;
}

export interface ViewEdge {
  from: string;
  to: string;
  kind: RefKind;
  state: RefState;
  /** Field of the source that makes the reference. */
  pointer: string;
}

export interface GraphView {
  nodes: ViewNode[];
  edges: ViewEdge[];
}

/** The kinds of reference drawn: routes to hosts, subsets and gateways; selectors to workloads; Gateway API parents and backends. */
const DRAWN: readonly RefKind[] = ['gateway', 'destination-host', 'mirror-host', 'destination-subset', 'mirror-subset', 'delegate', 'subset-workloads', 'selector', 'parent', 'backend'];

const WHAT: Partial<Record<RefKind, string>> = {
  gateway: 'gateway', 'destination-host': 'host', 'mirror-host': 'host', 'destination-subset': 'subset', 'mirror-subset': 'subset',
  delegate: 'VirtualService', 'subset-workloads': 'workloads', selector: 'workloads', parent: 'Gateway', backend: 'Service',
};

const nodeId = (r: Resource) => `${r.kind}:${r.namespace}/${r.name}`;

/**
 * The mesh as nodes and edges for people to look at: gateways ← VirtualServices → hosts (Services) and subsets →
 * workloads, Services and gateways → workloads, Gateway API routes → parents and backends. Unresolved references
 * point at a node of their own (state missing or unknown).
 */
export function graphView(g: MeshGraph): GraphView {
  const nodes = new Map<string, ViewNode>();
  const edges: ViewEdge[] = [];
  const add = (r: Resource, kind = r.kind, label = `${r.kind} ${r.namespace ? r.namespace + '/' : ''}${r.name}`, id = nodeId(r)): string => {
    if (!nodes.has(id)) {
      const n: ViewNode = { id, kind, label };
      if (r.namespace) n.namespace = r.namespace;
      if (r.file.startsWith('<')) n.synthetic = true;
      else {
        n.file = r.file;
        n.line = r.location().range.start.line;
      }
      nodes.set(id, n);
    }
    return id;
  };
  const subsetNode = (dr: Resource, pointer: string): string | undefined => {
    const info = g.routing.destinationRule(dr);
    const name = info?.subsets.find((s) => pointer.startsWith(`${s.pointer}/`))?.name;
    return name === undefined ? undefined : add(dr, 'Subset', `subset ${name} (${dr.namespace}/${dr.name})`, `Subset:${dr.namespace}/${dr.name}/${name}`);
  };
  for (const ref of g.refs.all) {
    if (!DRAWN.includes(ref.kind)) continue;
    const from = ref.kind === 'subset-workloads' ? subsetNode(ref.from, ref.pointer) : add(ref.from);
    if (!from) continue;
    if (ref.state !== 'resolved') {
      const id = `${ref.state}:${ref.kind}:${ref.from.namespace}/${ref.value}`;
      if (!nodes.has(id)) nodes.set(id, { id, kind: ref.kind, label: `${WHAT[ref.kind] ?? ref.kind} ${ref.value} (${ref.state})`, namespace: ref.from.namespace, state: ref.state });
      edges.push({ from, to: id, kind: ref.kind, state: ref.state, pointer: ref.pointer });
      continue;
    }
    for (const t of new Set(ref.targets)) {
      let to: string;
      if (ref.kind === 'destination-subset' || ref.kind === 'mirror-subset') {
        to = add(t, 'Subset', `subset ${ref.value} (${t.namespace}/${t.name})`, `Subset:${t.namespace}/${t.name}/${ref.value}`);
      } else to = add(t);
      edges.push({ from, to, kind: ref.kind, state: 'resolved', pointer: ref.pointer });
    }
  }
  const seen = new Set<string>();
  const unique = edges.filter((e) => {
    const k = `${e.from}\0${e.to}\0${e.kind}`;
    return !seen.has(k) && !!seen.add(k);
  });
  const used = new Set(unique.flatMap((e) => [e.from, e.to]));
  return { nodes: [...nodes.values()].filter((n) => used.has(n.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), edges: unique };
}
