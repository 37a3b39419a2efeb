import { defineRule } from '../src/engine/index.ts';
import { resolveSubset, type DestinationRuleInfo } from '../src/graph/index.ts';

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
      'A destination `subset` must be defined by the DestinationRule that governs its host: the one for exactly that host ' +
      '(in any namespace it is exported to the VirtualService\'s namespace), else the most specific wildcard one. Requests ' +
      'routed to an undefined subset fail with 503 (no cluster), and mirrored copies are dropped.',
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
      'Hosts are compared after expanding short names in each object\'s own namespace, so a DestinationRule in the root ' +
      'namespace with host `reviews.bookinfo.svc.cluster.local` defines subsets for `reviews` routes in bookinfo. Unlike ' +
      'istioctl analyze (which ignores them), a wildcard DestinationRule counts when no DestinationRule names the exact host, ' +
      'because that is the one istiod applies; a subset defined only in a wildcard DestinationRule while an exact-host one ' +
      'exists is reported (Kiali accepts it, but istiod ignores the wildcard rule for that host).',
  },
  check(ctx) {
    for (const vs of ctx.graph.routing.virtualServices) {
      for (const d of vs.destinations) {
        if (d.subset === undefined || !d.host) continue;
        const res = resolveSubset(ctx.graph, d);
        if (res.state === 'resolved' || (res.state === 'unknown' && !ctx.closedWorld)) continue;
        const defined = res.governing.map((dr) => `DestinationRule ${dr.namespace}/${dr.name} defines ${dr.subsets.map((s) => s.name).join(', ') || 'no subset'}`);
        ctx.report({
          resource: vs.resource,
          pointer: `${d.pointer}/subset`,
          message: `${where(res.governing, d.subset, d.host)}, so ${d.mirror ? 'mirrored requests are dropped' : 'requests routed here fail with 503'}`,
          related: res.governing.map((dr, i) => ({ resource: dr.resource, pointer: dr.subsets.length ? '/spec/subsets' : '/spec/host', message: defined[i] })),
          fix: res.governing.length ? `Add subset "${d.subset}" to DestinationRule ${res.governing[0].namespace}/${res.governing[0].name}, or correct the name.` : `Define subset "${d.subset}" in a DestinationRule for host "${d.host}".`,
        });
      }
    }
  },
});

function where(governing: readonly DestinationRuleInfo[], subset: string, host: string): string {
  if (!governing.length) return `No DestinationRule defines subset "${subset}" for host "${host}"`;
  const names = governing.map((dr) => `"${dr.namespace}/${dr.name}"`).join(', ');
  return `Subset "${subset}" is not defined in DestinationRule ${names}, which applies to host "${host}"`;
}
