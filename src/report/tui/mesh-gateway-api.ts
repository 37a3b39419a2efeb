import { fqdn, GATEWAY_API, refState, type MeshGraph, type ObjectRef, type RouteInfo } from '../../graph/index.ts';
import { text, type Line } from './lines.ts';
import type { TreeNode } from './mesh-types.ts';
import { broken, node, share, workloadNodes, type SecurityLookup } from './mesh-nodes.ts';
import { gatewayApiMatchText } from './route-match.ts';

const isGateway = (p: ObjectRef) => p.group === GATEWAY_API && p.kind === 'Gateway';
const isService = (p: ObjectRef) => p.group === '' && p.kind === 'Service';

/**
 * The hosts a Gateway API route takes requests for: a Service parent (mesh routing) stands for the Service's host;
 * a Gateway parent for the route's hostnames, else the hostnames of the listeners it attaches to (`*`: any).
 */
export function gatewayApiHosts(g: MeshGraph, route: RouteInfo): string[] {
  const out = new Set<string>();
  for (const p of route.parents) {
    if (isService(p)) out.add(fqdn(p.name, p.namespace, g.mesh.domainSuffix));
    if (!isGateway(p)) continue;
    if (route.hostnames.length) {
      for (const h of route.hostnames) out.add(h);
      continue;
    }
    const listeners = (g.gateways.kubeGateway(p.namespace, p.name)?.listeners ?? []).filter((l) => p.sectionName === undefined || l.name === p.sectionName);
    for (const l of listeners.length ? listeners : [{ hostname: undefined }]) out.add(l.hostname ?? '*');
  }
  return [...out];
}

function parentNode(g: MeshGraph, p: ObjectRef): TreeNode {
  if (isService(p)) return node([text('◆ mesh', 'accent'), text(`  (sidecars calling Service ${p.namespace}/${p.name})`, 'muted')]);
  const label: Line = [text('◆ ', 'accent'), text(`${p.kind} ${p.namespace}/${p.name}`)];
  if (!isGateway(p)) return node(label);
  const gw = g.gateways.kubeGateway(p.namespace, p.name);
  if (!gw) return node([...label, broken(refState(false, g.gateways.kubeLoaded, g.namespaces.has(p.namespace)), 'no such Gateway', 'Gateways not loaded')]);
  const listeners = gw.listeners.filter((l) => p.sectionName === undefined || l.name === p.sectionName);
  if (!listeners.length) return node([...label, text(`  ✖ no listener named ${p.sectionName}`, 'missing')]);
  label.push(text(`  ${listeners.map((l) => `${l.name || '?'} ${l.port ?? '?'}/${l.protocol || '?'}${l.hostname ? ` ${l.hostname}` : ''}`).join(', ')}`, 'muted'));
  return node(label);
}

function backendNode(g: MeshGraph, route: RouteInfo, b: ObjectRef, total: number, siblings: number, security: SecurityLookup): TreeNode {
  const label: Line = [text(`${share(b.weight ?? 1, total, siblings)} → `, 'accent'), text(`${b.kind} ${b.namespace}/${b.name}`)];
  if (b.port !== undefined) label.push(text(`:${b.port}`, 'muted'));
  if (!isService(b)) return node(label);
  const svc = g.services.registry.service(b.namespace, b.name);
  if (!svc || svc.synthetic) return node([...label, broken(refState(false, g.services.servicesLoaded, g.namespaces.has(b.namespace)), 'no such Service', 'services not loaded')]);
  if (b.port !== undefined && svc.ports.length && !svc.ports.some((p) => p.port === b.port)) label.push(text(`  ✖ not a port of the Service`, 'missing'));
  if (b.namespace !== route.namespace && !g.gatewayApi.grantFor({ group: GATEWAY_API, kind: route.kind, namespace: route.namespace }, { group: '', kind: 'Service', namespace: b.namespace, name: b.name })) {
    label.push(text('  ✖ no ReferenceGrant allows it', 'missing'));
  }
  const ws = g.services.workloadsOf(svc);
  return node(label, ws.length ? workloadNodes(ws, security) : [node([text('no workload selected', 'muted')])]);
}

/** An HTTPRoute (GRPCRoute, TCPRoute…): its parents, then each rule with its matches and weighted backends. */
export function gatewayApiRouteNode(g: MeshGraph, route: RouteInfo, security: SecurityLookup): TreeNode {
  const children: TreeNode[] = route.parents.map((p) => parentNode(g, p));
  const rules: unknown[] = Array.isArray(route.resource.object?.spec?.rules) ? route.resource.object.spec.rules : [];
  route.rules.forEach((rule, i) => {
    const total = rule.backends.reduce((n, b) => n + (b.weight ?? 1), 0);
    const match = gatewayApiMatchText((rules[i] as any)?.matches);
    const backends = rule.backends.map((b) => backendNode(g, route, b, total, rule.backends.length, security));
    // A rule without backends answers by its filters (a redirect, typically).
    const filters = ((rules[i] as any)?.filters ?? []).map((f: any) => f?.type).filter((t: unknown) => typeof t === 'string');
    if (!backends.length) backends.push(node([text(filters.length ? `no backendRefs · filters ${filters.join(', ')}` : 'no backendRefs', 'muted')]));
    children.push(node([text(`rules[${i}] `, 'heading'), text(match || 'any request', match ? undefined : 'muted')], backends));
  });
  return node([text(`${route.kind} ${route.namespace}/${route.name}`, 'heading')], children);
}
