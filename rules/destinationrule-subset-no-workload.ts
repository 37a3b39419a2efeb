import { defineRule } from '../src/engine/index.ts';
import { receivesTraffic, resolveSubsetWorkloads, selectorText } from '../src/graph/index.ts';

export const destinationruleSubsetNoWorkload = defineRule({
  id: 'destinationrule-subset-no-workload',
  severity: 'error',
  category: 'correctness',
  istio: 'IST0173',
  istioAnalyzer: 'destinationrule.SubsetSelectPodAnalyzer',
  kiali: 'KIA0203',
  docs: {
    summary: 'A DestinationRule subset selects no workload of its service.',
    description:
      'A subset\'s endpoints are the pods behind the host\'s Service (its selector) that also carry the subset labels. ' +
      'Workloads are read from pod templates (Deployments, StatefulSets, Rollouts, Jobs…), not only Pods. Traffic a ' +
      'VirtualService sends to an empty subset fails with 503 UH (no healthy upstream).',
    fix: 'Correct the subset labels to match the pod template labels, or deploy the workload before routing to it.',
    bad: `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews-v1, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: reviews, version: v1}}
  template:
    metadata: {labels: {app: reviews, version: v1}}
    spec: {containers: [{name: reviews, image: reviews:1}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: "1"}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: reviews, subset: v1}}]}]
`,
    good: `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews-v1, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: reviews, version: v1}}
  template:
    metadata: {labels: {app: reviews, version: v1}}
    spec: {containers: [{name: reviews, image: reviews:1}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: v1}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: reviews, subset: v1}}]}]
`,
    notes:
      'istioctl analyze matches subset labels against every Pod in any namespace; meshlint matches them, as routing does, ' +
      'against the workloads behind the Service. A subset defined ahead of its pods (a canary being prepared) that no route ' +
      'sends traffic to is normal and is reported only under --closed-world, as a warning; so is any subset when the inputs ' +
      'hold no workload in the service\'s namespace.',
  },
  check(ctx) {
    const g = ctx.graph;
    for (const dr of g.routing.destinationRules) {
      for (const s of dr.subsets) {
        const res = resolveSubsetWorkloads(g, dr, s);
        if (!res || res.state === 'resolved') continue;
        const routed = g.routing.destinationsTo(dr.fqdn).filter((d) => d.subset === s.name && receivesTraffic(d));
        if ((res.state === 'unknown' || !routed.length) && !ctx.closedWorld) continue;
        const sel = selectorText(res.endpointLabels ? s.labels : { ...res.service.selector, ...s.labels });
        const what = res.endpointLabels ? `no endpoint of ServiceEntry "${res.service.namespace}/${res.service.name}"` : `no workload in namespace "${res.service.namespace}"`;
        ctx.report({
          resource: dr.resource,
          pointer: s.hasLabels ? `${s.pointer}/labels` : s.pointer,
          key: s.hasLabels,
          severity: routed.length ? 'error' : 'warning',
          message: `Subset "${s.name}" selects ${what} (labels ${sel})${routed.length ? ', so requests routed to it fail with 503' : ''}`,
          related: routed.slice(0, 3).map((d) => ({ resource: d.vs.resource, pointer: `${d.pointer}/subset`, message: `VirtualService ${d.vs.namespace}/${d.vs.name} routes traffic to subset ${s.name}` })),
          fix: 'Match the subset labels to the pod template labels of the intended workload.',
        });
      }
    }
  },
});
