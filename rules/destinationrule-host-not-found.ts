import { defineRule } from '../src/engine/index.ts';
import { isWildcard, resolveHost } from '../src/graph/index.ts';

export const destinationruleHostNotFound = defineRule({
  id: 'destinationrule-host-not-found',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0174',
  istioAnalyzer: 'destinationrule.SubsetSelectPodAnalyzer',
  kiali: 'KIA0202',
  docs: {
    summary: 'A DestinationRule\'s host matches no Service or ServiceEntry.',
    description:
      'A DestinationRule applies to traffic for its `host`, expanded in its own namespace when short. When no Service or ' +
      'ServiceEntry has that host, its traffic policy and subsets apply to nothing: usually a typo, or a short name written ' +
      'in the wrong namespace.',
    fix: 'Use the Service name (or `name.namespace.svc.cluster.local` from another namespace), or add a ServiceEntry.',
    bad: `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: review
  trafficPolicy: {loadBalancer: {simple: LEAST_REQUEST}}
`,
    good: `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  trafficPolicy: {loadBalancer: {simple: LEAST_REQUEST}}
`,
    notes:
      'Wildcard hosts (`*.local`, `*.ns.svc.cluster.local`) are never reported: they are how mesh- and namespace-wide policies ' +
      'are written (istioctl analyze reports them). Kiali also accepts a host equal to a workload\'s app label; istiod does ' +
      'not route by app labels, so meshlint does not.',
  },
  check(ctx) {
    for (const dr of ctx.graph.routing.destinationRules) {
      if (!dr.host || isWildcard(dr.host)) continue;
      const res = resolveHost(ctx.graph, dr.host, dr.namespace, dr.exportTo);
      if (res.state === 'resolved' || (res.state === 'unknown' && !ctx.closedWorld)) continue;
      ctx.report({
        resource: dr.resource,
        pointer: '/spec/host',
        message: `Host "${dr.host}"${dr.fqdn !== dr.host ? ` (${dr.fqdn})` : ''} matches no Service or ServiceEntry, so this DestinationRule applies to nothing`,
        fix: 'Correct the host, or add the Service or ServiceEntry it is meant for.',
      });
    }
  },
});
