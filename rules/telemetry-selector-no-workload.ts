import { defineRule } from '../src/engine/index.ts';
import { hasWorkloads, selectorText } from '../src/graph/index.ts';
import { telemetries } from '../src/graph/telemetries.ts';

const CASE = (app: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: reviews}}
  template:
    metadata: {labels: {app: reviews}}
    spec: {containers: [{name: reviews, image: reviews:1}]}
---
apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: reviews-tracing, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: ${app}}}
  tracing: [{randomSamplingPercentage: 100}]
`;

export const telemetrySelectorNoWorkload = defineRule({
  id: 'telemetry-selector-no-workload',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0101',
  istioAnalyzer: 'telemetry.SelectorAnalyzer',
  docs: {
    summary: 'A Telemetry\'s selector matches no workload in its namespace.',
    description:
      'A Telemetry with `selector` applies to the pods of its own namespace whose labels match. When none match, its ' +
      'metrics, tracing and access log settings apply to nothing, and the workloads it was meant for keep the namespace ' +
      'or mesh settings.',
    fix: 'Use the pod template labels of a workload in the Telemetry\'s namespace, or move it to the workload\'s namespace.',
    bad: CASE('review'),
    good: CASE('reviews'),
    notes: 'Workloads are read from pod templates. A namespace with no workload in the inputs is unknown (reported under --closed-world).',
  },
  check(ctx) {
    const g = ctx.graph;
    for (const t of g.facet(telemetries).all) {
      if (!t.selector || !Object.keys(t.selector).length || t.targeted || t.workloads.length) continue;
      if (!ctx.closedWorld && !hasWorkloads(g, t.namespace)) continue;
      ctx.report({
        resource: t.resource,
        pointer: '/spec/selector/matchLabels',
        key: true,
        message: `Selector ${selectorText(t.selector)} matches no workload in namespace "${t.namespace}", so this Telemetry applies to nothing`,
        fix: 'Use the pod template labels of a workload in this namespace.',
      });
    }
  },
});
