import { fqdn, resolveGateway, resolveHost, resolveSelector, resolveSubset, resolveSubsetWorkloads, type Destination, type MeshGraph, type MeshService, type RouteInfo, type VirtualServiceInfo } from '../../graph/index.ts';
import { text, type Line } from './lines.ts';
import type { MeshHost, MeshSource, TreeNode } from './mesh-types.ts';
import { matchText } from './route-match.ts';
import { broken, node, share, workloadNodes, type SecurityLookup } from './mesh-nodes.ts';
import { gatewayApiHosts, gatewayApiRouteNode } from './mesh-gateway-api.ts';
import { plural } from './model.ts';

export type { SecurityLookup, WorkloadSecurity } from './mesh-nodes.ts';

const UNKNOWN_SECURITY: SecurityLookup = () => ({ mtls: 'unknown', sidecar: 'unknown' });

function percent(d: Destination, total: number): string {
  return d.mirror ? 'mirror' : share(d.weight ?? 0, total, d.siblings);
}

/** One destination: its share of the route, then the subset it names, then the workloads that receive the traffic. */
function destinationNode(g: MeshGraph, d: Destination, total: number, security: SecurityLookup): TreeNode {
  const label: Line = [text(`${percent(d, total)} → `, 'accent'), text(d.host || '(no host)')];
  if (d.port !== undefined) label.push(text(`:${d.port}`, 'muted'));
  const host = resolveHost(g, d.host, d.vs.namespace, d.vs.exportTo);
  if (host.state !== 'resolved') return node([...label, broken(host.state, 'no Service or ServiceEntry has this host', 'services not loaded')]);
  if (d.subset === undefined) {
    const ws = host.targets.flatMap((s) => g.services.workloadsOf(s));
    return node(label, ws.length ? workloadNodes(ws, security) : [node([text('no workload selected', 'muted')])]);
  }
  return node(label, [subsetNode(g, d, security)]);
}

function subsetNode(g: MeshGraph, d: Destination, security: SecurityLookup): TreeNode {
  const label: Line = [text(`subset ${d.subset}`, 'heading')];
  const subset = resolveSubset(g, d);
  const dr = subset.targets[0];
  const info = dr?.subsets.find((s) => s.name === d.subset);
  if (!dr || !info) {
    const governing = subset.governing[0];
    return node([...label, broken(subset.state, governing ? `not defined in DestinationRule ${governing.namespace}/${governing.name}` : 'no DestinationRule defines it', 'DestinationRules not loaded')]);
  }
  const labels = Object.entries(info.labels).map(([k, v]) => `${k}=${v}`).join(',');
  label.push(text(`${labels ? ` {${labels}}` : ''}  DestinationRule ${dr.namespace}/${dr.name}`, 'muted'));
  const ws = resolveSubsetWorkloads(g, dr, info);
  if (!ws) return node(label, [node([text('workloads cannot be known (no label selector)', 'muted')])]);
  if (ws.state !== 'resolved') return node(label, [node([text('workloads'), broken(ws.state, 'none has these labels', 'not loaded')])]);
  return node(label, workloadNodes(ws.targets, security));
}

function gatewayNode(g: MeshGraph, ref: string, vs: VirtualServiceInfo): TreeNode {
  if (ref === 'mesh') return node([text('◆ mesh', 'accent'), text('  (sidecars)', 'muted')]);
  const gw = resolveGateway(g, ref, vs.namespace);
  const label: Line = [text('◆ ', 'accent'), text(`Gateway ${gw.namespace}/${gw.name}`)];
  const found = gw.targets[0];
  if (!found) return node([...label, broken(gw.state, 'no such Gateway', 'Gateways not loaded')]);
  if (found.kind === 'kube') return node([...label, text('  (Gateway API)', 'muted')]);
  const servers = found.gateway.servers.map((s) => `${s.port ?? '?'}/${s.protocol || '?'}`).join(', ');
  if (servers) label.push(text(`  ${servers}`, 'muted'));
  const pods = resolveSelector(g, { labels: found.gateway.selector, expressions: [] });
  if (pods.state !== 'resolved') label.push(broken(pods.state, 'selects no pod', 'pods not loaded'));
  else label.push(text(`  ${pods.targets.length} pod${pods.targets.length === 1 ? '' : 's'}${pods.targets.every((w) => w.synthetic) ? ', assumed' : ''}`, 'muted'));
  return node(label);
}

/** A VirtualService bound to the host: its gateways, then each route with its match and weighted destinations. */
function virtualServiceNode(g: MeshGraph, vs: VirtualServiceInfo, security: SecurityLookup): TreeNode {
  const children: TreeNode[] = [];
  const gateways = vs.gateways.length ? vs.gateways.map((r) => r.value) : ['mesh'];
  for (const ref of gateways) children.push(gatewayNode(g, ref, vs));
  const routes = new Map<string, Destination[]>();
  for (const d of vs.destinations) {
    const key = `${d.route}/${d.routeIndex}`;
    routes.set(key, [...(routes.get(key) ?? []), d]);
  }
  for (const [key, dests] of routes) {
    const [kind, index] = key.split('/');
    const total = dests.reduce((n, d) => n + (d.mirror ? 0 : (d.weight ?? 0)), 0);
    const match = matchText(vs.resource.object?.spec?.[kind]?.[Number(index)]?.match);
    children.push(node([text(`${kind}[${index}] `, 'heading'), text(match || 'any request', match ? undefined : 'muted')], dests.map((d) => destinationNode(g, d, total, security))));
  }
  for (const del of vs.delegates) children.push(node([text('delegate → ', 'accent'), text(`VirtualService ${del.namespace}/${del.name}`)]));
  return node([text(`VirtualService ${vs.namespace}/${vs.name}`, 'heading')], children);
}

function serviceNode(g: MeshGraph, s: MeshService): TreeNode {
  const ports = s.ports.map((p) => `${p.name || p.protocol || 'port'}/${p.port}`).join(', ');
  const ws = g.services.workloadsOf(s).length;
  return node([text(`${s.kind} ${s.namespace}/${s.name}`), text(`${ports ? `  ${ports}` : ''}  ${ws} workload${ws === 1 ? '' : 's'}`, 'muted')]);
}

/** Without a VirtualService, requests to the host are balanced over every endpoint of its services. */
function defaultRouteNode(g: MeshGraph, services: readonly MeshService[], security: SecurityLookup): TreeNode {
  const ws = services.flatMap((s) => g.services.workloadsOf(s));
  return node([text('no VirtualService: ', 'heading'), text('every endpoint of the service', 'muted')], ws.length ? workloadNodes(ws, security) : [node([text('no workload selected', 'muted')])]);
}

function countMissing(nodes: readonly TreeNode[]): number {
  let n = 0;
  for (const x of nodes) n += (x.label.some((s) => s.tone === 'missing') ? 1 : 0) + countMissing(x.children);
  return n;
}

/**
 * The mesh view's data from the graph: every host a Service, ServiceEntry or VirtualService names, and for each
 * a route tree built with the graph's own resolution queries. Hosts and trees are computed on first use.
 */
export function meshSource(g: MeshGraph, security: SecurityLookup = UNKNOWN_SECURITY): MeshSource {
  const suffix = g.mesh.domainSuffix;
  const vsByHost = new Map<string, VirtualServiceInfo[]>();
  const kubeRoutesByHost = new Map<string, RouteInfo[]>();
  const services = new Map<string, MeshService[]>();
  const trees = new Map<string, TreeNode[]>();
  let hosts: MeshHost[] | undefined;

  let indexed = false;
  const index = () => {
    if (indexed) return;
    indexed = true;
    for (const s of g.services.all()) if (!s.synthetic) for (const h of s.hosts) services.set(h, [...(services.get(h) ?? []), s]);
    for (const vs of g.routing.virtualServices) for (const h of new Set(vs.hosts.map((h) => fqdn(h, vs.namespace, suffix)))) vsByHost.set(h, [...(vsByHost.get(h) ?? []), vs]);
    for (const r of g.gatewayApi.routes) for (const h of gatewayApiHosts(g, r)) kubeRoutesByHost.set(h, [...(kubeRoutesByHost.get(h) ?? []), r]);
  };
  const tree = (host: string): TreeNode[] => {
    let t = trees.get(host);
    if (!t) {
      index();
      const svcs = services.get(host) ?? [];
      t = svcs.map((s) => serviceNode(g, s));
      if (!svcs.length) t.push(node([text('no Service or ServiceEntry has this host', 'muted')]));
      const vss = vsByHost.get(host) ?? [];
      const routes = kubeRoutesByHost.get(host) ?? [];
      t.push(...vss.map((vs) => virtualServiceNode(g, vs, security)), ...routes.map((r) => gatewayApiRouteNode(g, r, security)));
      if (!vss.length && !routes.length) t.push(defaultRouteNode(g, svcs, security));
      trees.set(host, t);
    }
    return t;
  };
  return {
    get hosts() {
      if (!hosts) {
        index();
        hosts = [...new Set([...services.keys(), ...vsByHost.keys(), ...kubeRoutesByHost.keys()])].sort().map((host) => {
          const vss = vsByHost.get(host) ?? [];
          const kube = kubeRoutesByHost.get(host) ?? [];
          const routes = vss.reduce((n, v) => n + new Set(v.destinations.map((d) => `${d.route}/${d.routeIndex}`)).size, 0) + kube.reduce((n, r) => n + r.rules.length, 0);
          const kinds = new Map<string, number>(vss.length ? [['VirtualService', vss.length]] : []);
          for (const r of kube) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
          const summary = kinds.size ? [...[...kinds].map(([k, n]) => plural(n, k)), plural(routes, 'route')].join(' · ') : 'default routing';
          return { host, summary, missing: countMissing(tree(host)) };
        });
      }
      return hosts;
    },
    tree,
    note: security === UNKNOWN_SECURITY ? 'mTLS mode and sidecar status are shown as unknown: this version does not compute them.' : undefined,
  };
}
