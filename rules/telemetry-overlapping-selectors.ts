import { defineRule } from '../src/engine/index.ts';
import { telemetries } from '../src/graph/telemetries.ts';

const BASE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: ratings, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: ratings}}
  template:
    metadata: {labels: {app: ratings, tier: backend}}
    spec: {containers: [{name: ratings, image: ratings:1}]}
---
apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: ratings-tracing, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: ratings}}
  tracing: [{randomSamplingPercentage: 100}]
`;

export const telemetryOverlappingSelectors = defineRule({
  id: 'telemetry-overlapping-selectors',
  severity: 'error',
  category: 'correctness',
  istio: 'IST0159',
  istioAnalyzer: 'telemetry.SelectorAnalyzer',
  docs: {
    summary: 'Several Telemetries select the same workload.',
    description:
      'A workload gets the settings of one workload-level Telemetry. When the selectors of two Telemetries of its namespace ' +
      'both match it, istiod applies one of them (the oldest) and ignores the other for that workload.',
    fix: 'Make the selectors disjoint, or merge the Telemetries.',
    bad: `${BASE}---
apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: backend-logs, namespace: bookinfo}
spec:
  selector: {matchLabels: {tier: backend}}
  accessLogging: [{providers: [{name: envoy}]}]
`,
    good: BASE,
    notes: 'Workloads are pod templates and Pods of the inputs: a Deployment is reported once, where istioctl analyze reports each of its running pods.',
  },
  check(ctx) {
    for (const [w, list] of ctx.graph.facet(telemetries).byWorkload) {
      if (list.length < 2 || w.synthetic) continue;
      const names = list.map((t) => `"${t.name}"`).sort().join(', ');
      for (const t of list) {
        ctx.report({
          resource: t.resource,
          pointer: '/spec/selector/matchLabels',
          key: true,
          message: `Telemetries ${names} all select ${w.kind} "${w.namespace}/${w.name}": istiod applies only one of them to it`,
          related: [{ resource: w.resource, pointer: `${w.templatePointer}/metadata/labels`, message: `${w.kind} ${w.namespace}/${w.name}` }, ...list.filter((o) => o !== t).map((o) => ({ resource: o.resource, pointer: '/spec/selector', message: `Telemetry ${o.namespace}/${o.name}` }))],
          fix: 'Make the selectors disjoint, or merge the Telemetries.',
          discriminator: `${w.kind}/${w.name}`,
        });
      }
    }
  },
});
