import { defineRule } from '../src/engine/index.ts';
import { hasWorkloads, selectorText } from '../src/graph/index.ts';

export const sidecarSelectorNoWorkload = defineRule({
  id: 'sidecar-selector-no-workload',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0101',
  istioAnalyzer: 'sidecar.SelectorAnalyzer',
  kiali: 'KIA0004',
  docs: {
    summary: 'A Sidecar\'s workloadSelector matches no workload in its namespace.',
    description:
      'A Sidecar with `workloadSelector` applies only to pods of its own namespace whose labels match. When none match, its ' +
      'egress and ingress settings apply to nothing, and the pods meant to get them use the namespace default instead.',
    fix: 'Correct the selector labels to the pod template labels, or move the Sidecar to the workload\'s namespace.',
    bad: `apiVersion: apps/v1
kind: Deployment
metadata: {name: ratings, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: ratings}}
  template:
    metadata: {labels: {app: ratings}}
    spec: {containers: [{name: ratings, image: ratings:1}]}
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: ratings, namespace: bookinfo}
spec:
  workloadSelector: {labels: {app: rating}}
  egress: [{hosts: ["./*"]}]
`,
    good: `apiVersion: apps/v1
kind: Deployment
metadata: {name: ratings, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: ratings}}
  template:
    metadata: {labels: {app: ratings}}
    spec: {containers: [{name: ratings, image: ratings:1}]}
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: ratings, namespace: bookinfo}
spec:
  workloadSelector: {labels: {app: ratings}}
  egress: [{hosts: ["./*"]}]
`,
    notes: 'Workloads are read from pod templates. A namespace with no workload in the inputs is unknown (reported under --closed-world).',
  },
  check(ctx) {
    for (const sc of ctx.graph.sidecars.all) {
      if (!sc.selector || !Object.keys(sc.selector).length || sc.workloads.length) continue;
      if (!ctx.closedWorld && !hasWorkloads(ctx.graph, sc.namespace)) continue;
      ctx.report({
        resource: sc.resource,
        pointer: '/spec/workloadSelector/labels',
        key: true,
        message: `workloadSelector ${selectorText(sc.selector)} matches no workload in namespace "${sc.namespace}", so this Sidecar applies to nothing`,
        fix: 'Use the pod template labels of a workload in this namespace.',
      });
    }
  },
});
