import { defineRule } from '../src/engine/index.ts';
import { coveringWildcards, fqdn, hostNamespace, resolveSubset, visibleFrom, type DestinationRuleInfo, type VirtualServiceInfo } from '../src/graph/index.ts';

/** Stands for the namespaces that hold no DestinationRule for the host: they fall back to the service's or the root's. */
const OTHER = '\0other';

export const virtualserviceSubsetMissingForClients = defineRule({
  id: 'virtualservice-subset-missing-for-clients',
  severity: 'warning',
  category: 'correctness',
  docs: {
    summary: 'A subset a VirtualService routes to is missing from the DestinationRule that clients in another namespace use.',
    description:
      'istiod builds each proxy\'s subset clusters from the DestinationRules it picks for that proxy: those of the proxy\'s ' +
      'own namespace, else the service\'s, else the root namespace\'s. A VirtualService that applies to several namespaces ' +
      'routes all their clients to its subsets, but a client namespace whose DestinationRule for the host lacks the subset ' +
      'has no cluster for it: its requests fail with 503 (no cluster), while the VirtualService\'s own namespace works — ' +
      'typically after a team adds its own DestinationRule for a shared service (for connection pool settings) without ' +
      'copying the subsets.',
    fix: 'Define the subset in that namespace\'s DestinationRule too, or limit the VirtualService\'s exportTo.',
    bad: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews.bookinfo.svc.cluster.local
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews.bookinfo.svc.cluster.local]
  http:
  - route:
    - destination: {host: reviews.bookinfo.svc.cluster.local, subset: v2}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews-pool, namespace: shop}
spec:
  host: reviews.bookinfo.svc.cluster.local
  trafficPolicy: {connectionPool: {tcp: {maxConnections: 100}}}
`,
    good: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews.bookinfo.svc.cluster.local
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews.bookinfo.svc.cluster.local]
  http:
  - route:
    - destination: {host: reviews.bookinfo.svc.cluster.local, subset: v2}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews-pool, namespace: shop}
spec:
  host: reviews.bookinfo.svc.cluster.local
  trafficPolicy: {connectionPool: {tcp: {maxConnections: 100}}}
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
`,
    notes:
      'virtualservice-subset-not-found checks the VirtualService\'s own namespace; this rule checks the other namespaces ' +
      'it applies to (exportTo) that pick different DestinationRules: namespaces holding a rule for the host, and the ' +
      'namespaces without one, which fall back to the service\'s or the root namespace\'s. Only VirtualServices bound to ' +
      'the mesh are checked (a gateway\'s proxy is its own client). Neither istioctl analyze nor Kiali checks this.',
  },
  check(ctx) {
    const g = ctx.graph;
    for (const vs of g.routing.virtualServices) {
      if (!vs.meshBound) continue;
      for (const d of vs.destinations) {
        if (d.subset === undefined || !d.host || resolveSubset(g, d).state !== 'resolved') continue;
        const host = fqdn(d.host, vs.namespace, g.mesh.domainSuffix);
        const own = g.routing.destinationRulesFor(d.host, vs.namespace);
        for (const [client, pick] of picks(ctx.graph, vs, host, d.host)) {
          if (!pick.length || sameRules(pick, own) || pick.some((dr) => dr.subsets.some((s) => s.name === d.subset))) continue;
          const rules = pick.map((dr) => `"${dr.namespace}/${dr.name}"`).join(', ');
          const who = client === OTHER ? 'Clients in namespaces without a DestinationRule of their own for it' : `Clients in namespace "${client}"`;
          ctx.report({
            resource: vs.resource,
            pointer: `${d.pointer}/subset`,
            discriminator: client,
            message: `${who} use DestinationRule ${rules} for host "${d.host}", which does not define subset "${d.subset}", so their requests routed here fail with 503`,
            related: [
              ...pick.map((dr) => ({ resource: dr.resource, pointer: dr.subsets.length ? '/spec/subsets' : '/spec/host', message: `DestinationRule ${dr.namespace}/${dr.name} defines ${dr.subsets.map((s) => s.name).join(', ') || 'no subset'}` })),
              ...own.map((dr) => ({ resource: dr.resource, pointer: '/spec/host', message: `DestinationRule ${dr.namespace}/${dr.name} defines it for clients in "${vs.namespace}"` })),
            ],
            fix: `Add subset "${d.subset}" to DestinationRule ${rules}, or limit the VirtualService's exportTo.`,
          });
        }
      }
    }
  },
});

/** The DestinationRules each other client namespace the VirtualService applies to picks for the host. */
function picks(g: Parameters<typeof resolveSubset>[0], vs: VirtualServiceInfo, host: string, written: string): Map<string, DestinationRuleInfo[]> {
  const clients = new Set<string>();
  for (const h of [host, ...coveringWildcards(host)]) for (const dr of g.routing.destinationRulesWithHost(h)) clients.add(dr.namespace);
  const serviceNs = hostNamespace(g, written, vs.namespace);
  if (serviceNs) clients.add(serviceNs);
  clients.delete(vs.namespace);
  clients.delete(g.mesh.rootNamespace);
  const out = new Map<string, DestinationRuleInfo[]>();
  for (const client of clients) {
    // Only a namespace's own rules make its clients differ; the others fall back like OTHER below.
    const pick = visibleFrom(vs.scopes, client) ? g.routing.destinationRulesFor(host, client) : [];
    if (pick.length && pick[0].namespace === client) out.set(client, pick);
  }
  if (vs.scopes.includes('*')) out.set(OTHER, g.routing.destinationRulesFor(host, OTHER));
  return out;
}

function sameRules(a: readonly DestinationRuleInfo[], b: readonly DestinationRuleInfo[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
