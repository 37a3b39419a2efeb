import type { Resource } from '../core/resource.ts';
import { DestinationRuleIndex } from './destination-rules.ts';
import { coveringWildcards, declaredExportTo, exportScopes, fqdn, parseServiceHost } from './hosts.ts';
import { labelMap, push } from './labels.ts';
import type { MeshConfig } from './mesh-config.ts';
import type { ResourceStore } from './store.ts';
import type { Labels } from './types.ts';

export type RouteKind = 'http' | 'tcp' | 'tls';
export const ROUTE_KINDS: readonly RouteKind[] = ['http', 'tcp', 'tls'];

/** A place a VirtualService sends (or mirrors) traffic to. */
export interface Destination {
  vs: VirtualServiceInfo;
  route: RouteKind;
  routeIndex: number;
  /** Index in `route`, or undefined for a mirror. */
  destIndex?: number;
  mirror: boolean;
  /** Pointer of the destination object (`…/route/1/destination`, `…/mirror`, `…/mirrors/0/destination`). */
  pointer: string;
  /** Host as written ('' when absent). */
  host: string;
  subset?: string;
  port?: number;
  /** `weight` of a route destination as written. */
  weight?: number;
  /** Number of destinations in the same route. */
  siblings: number;
}

export interface GatewayRef {
  value: string;
  pointer: string;
}

export interface VirtualServiceInfo {
  resource: Resource;
  namespace: string;
  name: string;
  hosts: readonly string[];
  /** `spec.gateways` (empty means the mesh gateway only). */
  gateways: readonly GatewayRef[];
  /** `exportTo` as written (empty when absent). */
  exportTo: readonly string[];
  /** Namespaces the VirtualService applies to, from exportTo or the MeshConfig default. */
  scopes: readonly string[];
  destinations: readonly Destination[];
  /** `http[].delegate` references. */
  delegates: readonly { name: string; namespace: string; pointer: string }[];
  /** True when the VirtualService applies to sidecars (no gateways, or `mesh` among them). */
  meshBound: boolean;
}

export interface SubsetInfo {
  name: string;
  labels: Labels;
  /** False when the subset has no `labels` field. */
  hasLabels: boolean;
  pointer: string;
}

export interface DestinationRuleInfo {
  resource: Resource;
  namespace: string;
  name: string;
  /** `spec.host` as written. */
  host: string;
  /** Host expanded relative to the DestinationRule's namespace. */
  fqdn: string;
  subsets: readonly SubsetInfo[];
  exportTo: readonly string[];
  scopes: readonly string[];
  /** `workloadSelector.matchLabels`: the rule applies only to those client proxies of its namespace. */
  selector?: Labels;
}

/** The namespace of the service a host reaches from a client namespace, when known. */
export type ServiceNamespaceOf = (host: string, client: string) => string | undefined;

const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function virtualServiceOf(r: Resource, mesh: MeshConfig): VirtualServiceInfo {
  const spec = isMap(r.object?.spec) ? r.object.spec : {};
  const gateways: GatewayRef[] = [];
  if (Array.isArray(spec.gateways)) spec.gateways.forEach((g: unknown, i: number) => typeof g === 'string' && gateways.push({ value: g, pointer: `/spec/gateways/${i}` }));
  const exportTo = declaredExportTo(spec, {});
  const info: VirtualServiceInfo = {
    resource: r,
    namespace: r.namespace,
    name: r.name,
    hosts: strs(spec.hosts),
    gateways,
    exportTo,
    scopes: exportScopes(exportTo, r.namespace, mesh.defaultVirtualServiceExportTo),
    destinations: [],
    delegates: [],
    meshBound: gateways.length === 0 || gateways.some((g) => g.value === 'mesh'),
  };
  const dests = info.destinations as Destination[];
  for (const kind of ROUTE_KINDS) {
    const routes = spec[kind];
    if (!Array.isArray(routes)) continue;
    routes.forEach((rt: any, i: number) => {
      if (!isMap(rt)) return;
      const base = `/spec/${kind}/${i}`;
      if (Array.isArray(rt.route)) {
        rt.route.forEach((d: any, j: number) => {
          const dest = destination(info, kind, i, d?.destination, `${base}/route/${j}/destination`, false, rt.route.length);
          dest.destIndex = j;
          if (isMap(d) && typeof d.weight === 'number') dest.weight = d.weight;
          dests.push(dest);
        });
      }
      if (kind !== 'http') return;
      if (isMap(rt.mirror)) dests.push(destination(info, kind, i, rt.mirror, `${base}/mirror`, true, 0));
      if (Array.isArray(rt.mirrors)) rt.mirrors.forEach((m: any, j: number) => isMap(m?.destination) && dests.push(destination(info, kind, i, m.destination, `${base}/mirrors/${j}/destination`, true, 0)));
      if (isMap(rt.delegate) && typeof rt.delegate.name === 'string') {
        (info.delegates as any[]).push({ name: rt.delegate.name, namespace: typeof rt.delegate.namespace === 'string' && rt.delegate.namespace ? rt.delegate.namespace : r.namespace, pointer: `${base}/delegate` });
      }
    });
  }
  return info;
}

function destination(vs: VirtualServiceInfo, route: RouteKind, routeIndex: number, d: any, pointer: string, mirror: boolean, siblings: number): Destination {
  const out: Destination = { vs, route, routeIndex, mirror, pointer, host: typeof d?.host === 'string' ? d.host : '', siblings };
  if (typeof d?.subset === 'string' && d.subset !== '') out.subset = d.subset;
  if (typeof d?.port?.number === 'number') out.port = d.port.number;
  return out;
}

/** True when a route destination gets a share of the traffic (the only one, or a weight above 0); mirrors get copies only. */
export function receivesTraffic(d: Destination): boolean {
  return !d.mirror && (d.siblings === 1 || (d.weight ?? 0) > 0);
}

/** `"name"` for a named HTTP route, else `#index`: how Istio names a route in messages. */
export function routeLabel(vs: VirtualServiceInfo, kind: RouteKind, index: number): string {
  const name = kind === 'http' ? vs.resource.object?.spec?.http?.[index]?.name : undefined;
  return typeof name === 'string' && name ? JSON.stringify(name) : `#${index}`;
}

export function destinationRuleOf(r: Resource, mesh: MeshConfig): DestinationRuleInfo {
  const spec = isMap(r.object?.spec) ? r.object.spec : {};
  const host = typeof spec.host === 'string' ? spec.host : '';
  const subsets: SubsetInfo[] = [];
  if (Array.isArray(spec.subsets)) {
    spec.subsets.forEach((s: any, i: number) => {
      if (isMap(s) && typeof s.name === 'string') subsets.push({ name: s.name, labels: labelMap(s.labels), hasLabels: isMap(s.labels) && Object.keys(s.labels).length > 0, pointer: `/spec/subsets/${i}` });
    });
  }
  const exportTo = declaredExportTo(spec, {});
  const info: DestinationRuleInfo = { resource: r, namespace: r.namespace, name: r.name, host, fqdn: fqdn(host, r.namespace, mesh.domainSuffix), subsets, exportTo, scopes: exportScopes(exportTo, r.namespace, mesh.defaultDestinationRuleExportTo) };
  const selector = labelMap(isMap(spec.workloadSelector) ? spec.workloadSelector.matchLabels : undefined);
  if (Object.keys(selector).length) info.selector = selector;
  return info;
}

/** VirtualServices and DestinationRules, with DestinationRules indexed by host. */
export class Routing {
  readonly virtualServices: VirtualServiceInfo[] = [];
  readonly destinationRules: DestinationRuleInfo[] = [];
  readonly destinationRulesLoaded: boolean;
  private readonly drByHost = new Map<string, DestinationRuleInfo[]>();
  private readonly vsByResource = new Map<Resource, VirtualServiceInfo>();
  private destinationsByHost?: Map<string, Destination[]>;
  private readonly drByResource = new Map<Resource, DestinationRuleInfo>();
  private drIndex?: DestinationRuleIndex;

  constructor(store: ResourceStore, private readonly mesh: MeshConfig, private readonly serviceNamespaceOf?: ServiceNamespaceOf) {
    for (const r of store.ofKind('VirtualService', 'networking.istio.io')) {
      const vs = virtualServiceOf(r, mesh);
      this.virtualServices.push(vs);
      this.vsByResource.set(r, vs);
    }
    const drs = store.ofKind('DestinationRule', 'networking.istio.io');
    this.destinationRulesLoaded = drs.length > 0;
    for (const r of drs) {
      const dr = destinationRuleOf(r, mesh);
      this.destinationRules.push(dr);
      this.drByResource.set(r, dr);
      push(this.drByHost, dr.fqdn, dr);
    }
  }

  virtualService(r: Resource): VirtualServiceInfo | undefined {
    return this.vsByResource.get(r);
  }

  destinationRule(r: Resource): DestinationRuleInfo | undefined {
    return this.drByResource.get(r);
  }

  /** Route and mirror destinations whose host, expanded in the VirtualService's namespace, is this FQDN. */
  destinationsTo(host: string): readonly Destination[] {
    if (!this.destinationsByHost) {
      this.destinationsByHost = new Map();
      for (const vs of this.virtualServices) for (const d of vs.destinations) push(this.destinationsByHost, fqdn(d.host, vs.namespace, this.mesh.domainSuffix), d);
    }
    return this.destinationsByHost.get(host) ?? [];
  }

  /** DestinationRules whose host is exactly this FQDN (or wildcard as written), whatever their visibility. */
  destinationRulesWithHost(host: string): readonly DestinationRuleInfo[] {
    return this.drByHost.get(host) ?? [];
  }

  /**
   * The DestinationRules a proxy in namespace `ns` applies to `host` (as written in `ns`), as istiod picks them
   * (push_context.go, destinationRule): from ONE namespace — the client's own, else the service's (rules exported to
   * the client), else the root namespace's — and there those of the most specific host (exact, else the closest
   * wildcard, `*.local` included). Several rules for that host are merged by istiod: the list is in merge order
   * (oldest first, then by name); the first with a top-level traffic policy sets it, subsets are joined (the first
   * definition of a name wins). Rules with a workloadSelector apply only to the client proxies they select.
   */
  destinationRulesFor(host: string, ns: string): DestinationRuleInfo[] {
    const full = fqdn(host, ns, this.mesh.domainSuffix);
    return this.index.lookup(full, ns, this.serviceNamespace(full, ns));
  }

  /**
   * The rule sets clients in different namespaces apply to `host` (an FQDN), each in merge order: the picks of the
   * service's own namespace, of every namespace holding or named by a rule for the host, and of the other namespaces
   * (which hold no rule for it). Rules of no pick are ignored by every proxy.
   */
  destinationRulePicks(host: string, serviceNs: string): DestinationRuleInfo[][] {
    const clients = new Set<string | undefined>([serviceNs]);
    for (const key of [host, ...coveringWildcards(host)]) {
      for (const dr of this.drByHost.get(key) ?? []) {
        clients.add(dr.namespace);
        for (const e of dr.exportTo) if (e !== '*' && e !== '.' && e !== '~') clients.add(e);
      }
    }
    clients.add(undefined);
    const picks = new Map<string, DestinationRuleInfo[]>();
    for (const client of clients) {
      const pick = this.index.lookup(host, client, serviceNs);
      if (pick.length) picks.set(pick.map((dr) => `${dr.namespace}/${dr.name}`).join(' '), pick);
    }
    return [...picks.values()];
  }

  private get index(): DestinationRuleIndex {
    return (this.drIndex ??= new DestinationRuleIndex(this.destinationRules, this.mesh.rootNamespace, this.mesh.defaultDestinationRuleExportTo));
  }

  private serviceNamespace(full: string, client: string): string | undefined {
    return this.serviceNamespaceOf?.(full, client) ?? parseServiceHost(full, this.mesh.domainSuffix)?.namespace;
  }
}
