import type { MeshGraph } from './index.ts';
import type { IstioGatewayInfo, KubeGatewayInfo } from './gateways.ts';
import { Gateways } from './gateways.ts';
import { coveringWildcards, fqdn, isWildcard, parseServiceHost, visibleFrom } from './hosts.ts';
import type { Destination, DestinationRuleInfo, SubsetInfo } from './routing.ts';
import type { MeshService, RefState, Selector, Workload } from './types.ts';

export interface Resolution<T> {
  state: RefState;
  targets: T[];
}

/**
 * `resolved` when something was found; else `missing` when the target kind was loaded and (if the target
 * lives in a known namespace) its namespace is in the inputs; else `unknown`.
 */
export function refState(found: boolean, kindLoaded: boolean, namespaceKnown = true): RefState {
  if (found) return 'resolved';
  return kindLoaded && namespaceKnown ? 'missing' : 'unknown';
}

/** The namespace a host points into (`reviews.ns.svc.cluster.local`, or a short name's referrer), if any. */
export function hostNamespace(g: MeshGraph, host: string, ns: string): string | undefined {
  const parsed = parseServiceHost(fqdn(host, ns, g.mesh.domainSuffix), g.mesh.domainSuffix)?.namespace;
  if (parsed !== undefined) return parsed;
  // `name.ns` and `name.ns.svc` mean a Service to people (not to istiod) when ns is a namespace of the inputs.
  const m = /^[^.*]+\.([^.]+)(\.svc)?$/.exec(host);
  return m && g.namespaces.has(m[1]) ? m[1] : undefined;
}

/**
 * Services a host written in namespace `ns` reaches (see HostRegistry.lookup). A cluster-local host is `missing`
 * only when Services were loaded and its namespace is in the inputs; any other host only when ServiceEntries were.
 */
export function resolveHost(g: MeshGraph, host: string, ns: string, exportTo?: readonly string[]): Resolution<MeshService> {
  const targets = g.services.registry.lookup(host, ns, exportTo, g.mesh.domainSuffix);
  const hostNs = hostNamespace(g, host, ns);
  const state = hostNs !== undefined ? refState(targets.length > 0, g.services.servicesLoaded, g.namespaces.has(hostNs)) : refState(targets.length > 0, g.services.serviceEntriesLoaded);
  return { state, targets };
}

/**
 * DestinationRules governing a destination's host (for clients in the VirtualService's namespace) that define its
 * subset. `elsewhere`: rules istiod does not pick for those clients, though exported to them, that define it. When the
 * service behind the host is not among the inputs its namespace (istiod's second choice) is not known, so such a
 * rule (outside the client's and the root namespace) makes the subset `unknown` rather than `missing` unless the
 * client's own namespace supplied the pick.
 */
export function resolveSubset(g: MeshGraph, d: Destination): Resolution<DestinationRuleInfo> & { governing: DestinationRuleInfo[]; elsewhere: DestinationRuleInfo[] } {
  const ns = d.vs.namespace;
  const governing = g.routing.destinationRulesFor(d.host, ns);
  const defines = (dr: DestinationRuleInfo) => dr.subsets.some((s) => s.name === d.subset);
  const targets = governing.filter(defines);
  const full = fqdn(d.host, ns, g.mesh.domainSuffix);
  const elsewhere = targets.length ? [] : [full, ...coveringWildcards(full)].flatMap((h) => g.routing.destinationRulesWithHost(h)).filter((dr) => defines(dr) && visibleFrom(dr.scopes, ns) && !governing.includes(dr));
  const hostNs = hostNamespace(g, d.host, ns);
  // A pick from the client's own namespace is final; else a rule of the service's namespace would come first.
  const pickedOwn = governing.length > 0 && governing[0].namespace === ns;
  const couldComeFirst = !pickedOwn && elsewhere.some((dr) => dr.namespace !== ns && dr.namespace !== g.mesh.rootNamespace);
  const serviceUnseen = couldComeFirst && !g.services.registry.lookup(full, ns, undefined, g.mesh.domainSuffix).length;
  const state = serviceUnseen ? 'unknown' : refState(targets.length > 0, g.routing.destinationRulesLoaded, hostNs === undefined || g.namespaces.has(hostNs) || governing.length > 0);
  return { state, targets, governing, elsewhere };
}

export type AnyGateway = { kind: 'istio'; gateway: IstioGatewayInfo } | { kind: 'kube'; gateway: KubeGatewayInfo };

/** A VirtualService's gateway reference (`name` or `ns/name`): an Istio Gateway, else a Gateway API Gateway. */
export function resolveGateway(g: MeshGraph, ref: string, vsNamespace: string): Resolution<AnyGateway> & { namespace: string; name: string } {
  const { namespace, name } = Gateways.parseRef(ref, vsNamespace);
  const istio = g.gateways.istioGateway(namespace, name);
  const kube = istio ? undefined : g.gateways.kubeGateway(namespace, name);
  const targets: AnyGateway[] = istio ? [{ kind: 'istio', gateway: istio }] : kube ? [{ kind: 'kube', gateway: kube }] : [];
  const loaded = g.gateways.istioLoaded || g.gateways.kubeLoaded;
  return { state: refState(targets.length > 0, loaded, g.namespaces.has(namespace)), targets, namespace, name };
}

/** Workloads a selector picks, in one namespace or (ns undefined) anywhere. */
export function resolveSelector(g: MeshGraph, selector: Selector, ns?: string): Resolution<Workload> {
  const targets = g.workloads.select(selector, ns);
  return { state: refState(targets.length > 0, g.workloads.loaded, ns === undefined || hasWorkloads(g, ns)), targets };
}

/** True when the inputs hold workloads in `ns`: only then can a selector there be known to match nothing. */
export function hasWorkloads(g: MeshGraph, ns: string): boolean {
  return g.workloads.inNamespace(ns).some((w) => !w.synthetic);
}

/**
 * The workloads a DestinationRule subset sends traffic to: the pods behind the host's Service that also carry
 * the subset labels (ServiceEntry hosts: its workloadSelector and inline endpoint labels). Undefined when that
 * cannot be known: a wildcard or unresolved host, or a Service whose endpoints are not selected by labels.
 */
export function resolveSubsetWorkloads(g: MeshGraph, dr: DestinationRuleInfo, subset: SubsetInfo): (Resolution<Workload> & { service: MeshService; endpointLabels: boolean }) | undefined {
  if (isWildcard(dr.host) || !dr.host) return undefined;
  const services = resolveHost(g, dr.host, dr.namespace, dr.exportTo).targets;
  const service = services[0];
  if (!service) return undefined;
  if (service.kind === 'ServiceEntry') {
    const endpoints = service.resource.object?.spec?.endpoints;
    if (Array.isArray(endpoints) && endpoints.some((e: any) => e && typeof e.labels === 'object' && Object.entries(subset.labels).every(([k, v]) => e.labels[k] === v))) {
      return { state: 'resolved', targets: [], service, endpointLabels: true };
    }
    if (!service.selector) return Array.isArray(endpoints) && endpoints.length ? { state: 'missing', targets: [], service, endpointLabels: true } : undefined;
  }
  if (!service.selector || !Object.keys(service.selector).length) return undefined;
  const targets = g.workloads.select({ labels: { ...service.selector, ...subset.labels }, expressions: [] }, service.namespace);
  return { state: refState(targets.length > 0, g.workloads.loaded, hasWorkloads(g, service.namespace)), targets, service, endpointLabels: false };
}
