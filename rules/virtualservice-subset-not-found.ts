import { defineRule } from '../src/engine/index.ts';
import { parseServiceHost, resolveSubset, type DestinationRuleInfo, type MeshGraph } from '../src/graph/index.ts';

export const virtualserviceSubsetNotFound = defineRule({
  id: 'virtualservice-subset-not-found',
  severity: 'error',
  category: 'correctness',
  istio: 'IST0101',
  istioAnalyzer: 'virtualservice.DestinationRuleAnalyzer',
  kiali: 'KIA1107',
  docs: {
    summary: 'A VirtualService routes to a subset no DestinationRule defines.',
    description:
      'A destination `subset` must be defined by the DestinationRules istiod applies to its host for the calling proxies. ' +
      'istiod takes them from ONE namespace: the client\'s own, else the service\'s (rules exported to the client), else ' +
      'the root namespace; there the most specific host wins (exact over wildcard, `*.local` included) and several rules ' +
      'for that host are merged (subsets joined). A subset defined only in a rule of another namespace is not there: ' +
      'requests routed to it fail with 503 (no cluster), and mirrored copies are dropped.',
    fix: 'Add the subset to the DestinationRule of the host, or correct the subset name.',
    bad: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets:
  - {name: v1, labels: {version: v1}}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v2}
`,
    good: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v2}
`,
    notes:
      'The clients are taken to be the VirtualService\'s namespace. Hosts are compared after expanding short names in each ' +
      'object\'s own namespace, so a root-namespace DestinationRule for `reviews.bookinfo.svc.cluster.local` defines ' +
      'subsets for `reviews` routes in bookinfo when neither bookinfo nor the client namespace has a rule for it. ' +
      'istioctl analyze (IST0101) looks the subset up in every DestinationRule of any namespace, exact hosts only, and ' +
      'Kiali (KIA1107) in every rule exported to the VirtualService\'s namespace; a finding carries their codes only when ' +
      'they would report it too, so a subset defined in a rule istiod ignores (another namespace\'s, a shadowed wildcard) is ' +
      'reported by meshlint alone. When the service behind the host is not among the inputs its namespace is unknown, and a ' +
      'subset defined in a rule of a third namespace is then reported only under --closed-world.',
  },
  check(ctx) {
    let istioctlIndex: Set<string> | undefined;
    for (const vs of ctx.graph.routing.virtualServices) {
      for (const d of vs.destinations) {
        if (d.subset === undefined || !d.host) continue;
        const res = resolveSubset(ctx.graph, d);
        if (res.state === 'resolved' || (res.state === 'unknown' && !ctx.closedWorld)) continue;
        const defined = res.governing.map((dr) => `DestinationRule ${dr.namespace}/${dr.name} defines ${dr.subsets.map((s) => s.name).join(', ') || 'no subset'}`);
        const ignored = res.elsewhere.map((dr) => ({ resource: dr.resource, pointer: dr.subsets.find((s) => s.name === d.subset)?.pointer, message: `DestinationRule ${dr.namespace}/${dr.name} defines "${d.subset}" but istiod does not apply it to clients in "${vs.namespace}"` }));
        istioctlIndex ??= subsetIndex(ctx.graph);
        // istioctl analyze and Kiali look the subset up in every DestinationRule: they report only when none defines it.
        const flagged = !istioctlIndex.has(`${istioctlKey(d.host, vs.namespace)} ${d.subset}`);
        ctx.report({
          resource: vs.resource,
          pointer: `${d.pointer}/subset`,
          message: `${where(res.governing, d.subset, d.host)}${ignored.length ? ` (istiod ignores ${res.elsewhere.map((dr) => `"${dr.namespace}/${dr.name}"`).join(', ')}, which defines it)` : ''}, so ${d.mirror ? 'mirrored requests are dropped' : 'requests routed here fail with 503'}`,
          related: [...res.governing.map((dr, i) => ({ resource: dr.resource, pointer: dr.subsets.length ? '/spec/subsets' : '/spec/host', message: defined[i] })), ...ignored],
          codes: { ...(flagged ? {} : { istio: undefined, istioAnalyzer: undefined }), ...(res.elsewhere.length ? { kiali: undefined } : {}) },
          fix: res.governing.length ? `Add subset "${d.subset}" to DestinationRule ${res.governing[0].namespace}/${res.governing[0].name}, or correct the name.` : `Define subset "${d.subset}" in a DestinationRule for host "${d.host}".`,
        });
      }
    }
  },
});

/** istioctl's subset key of a host: `name.ns.svc.cluster.local` as such, any other host with the referrer's namespace. */
function istioctlKey(host: string, ns: string): string {
  const full = !host.startsWith('*') && !host.includes('.') ? `${host}.${ns}.svc.cluster.local` : host;
  return parseServiceHost(full) ? full : `${host}@${ns}`;
}

/** Every (host, subset) pair istioctl analyze indexes: all DestinationRules, whatever their namespace or exportTo. */
function subsetIndex(g: MeshGraph): Set<string> {
  const out = new Set<string>();
  for (const dr of g.routing.destinationRules) for (const s of dr.subsets) out.add(`${istioctlKey(dr.host, dr.namespace)} ${s.name}`);
  return out;
}

function where(governing: readonly DestinationRuleInfo[], subset: string, host: string): string {
  if (!governing.length) return `No DestinationRule defines subset "${subset}" for host "${host}"`;
  const names = governing.map((dr) => `"${dr.namespace}/${dr.name}"`).join(', ');
  return `Subset "${subset}" is not defined in DestinationRule ${names}, which applies to host "${host}"`;
}
