import type { MeshGraph } from './index.ts';
import type { ObjectRef, RouteInfo } from './gateway-api.ts';
import type { KubeGatewayInfo, ListenerInfo } from './gateways.ts';
import { selectorMatches } from './labels.ts';

/** Route kinds a listener accepts by default, by protocol. */
const KINDS_BY_PROTOCOL: Readonly<Record<string, readonly string[]>> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute', 'TCPRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

/** Why a listener does not take a route, or undefined when it does. */
export function listenerRejects(g: MeshGraph, l: ListenerInfo, gw: KubeGatewayInfo, route: RouteInfo): string | undefined {
  const kinds = l.kinds ?? KINDS_BY_PROTOCOL[l.protocol];
  if (kinds && !kinds.includes(route.kind)) return `listener "${l.name}" (${l.protocol}) does not accept ${route.kind}s`;
  if (l.from === 'All') return undefined;
  if (l.from === 'Same') return route.namespace === gw.namespace ? undefined : `listener "${l.name}" accepts routes from its own namespace only`;
  if (l.from === 'Selector') {
    const ns = g.namespaces.get(route.namespace);
    // Without the route's Namespace object its labels are unknown: give the route the benefit of the doubt.
    if (!ns?.declared || !l.namespaceSelector) return undefined;
    return selectorMatches(l.namespaceSelector, ns.labels) ? undefined : `listener "${l.name}" does not select namespace "${route.namespace}"`;
  }
  return undefined;
}

/** The listeners a parentRef names (sectionName / port), before checking whether they accept the route. */
export function namedListeners(gw: KubeGatewayInfo, ref: ObjectRef): ListenerInfo[] {
  return gw.listeners.filter((l) => (ref.sectionName === undefined || l.name === ref.sectionName) && (ref.port === undefined || l.port === ref.port));
}

/** Whether a route hostname and a listener hostname can both match one request host (Gateway API intersection). */
export function hostnamesIntersect(route: string, listener: string | undefined): boolean {
  if (listener === undefined || route === listener) return true;
  const suffixOf = (wild: string, host: string) => host.endsWith(wild.slice(1)) && host.length > wild.length - 1;
  const rw = route.startsWith('*.');
  const lw = listener.startsWith('*.');
  if (rw && lw) return route.endsWith(listener.slice(1)) || listener.endsWith(route.slice(1));
  if (lw) return suffixOf(listener, route);
  if (rw) return suffixOf(route, listener);
  return false;
}
