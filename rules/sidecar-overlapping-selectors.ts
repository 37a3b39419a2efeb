import { defineRule } from '../src/engine/index.ts';
import { ambientWorkload } from '../src/graph/index.ts';

export const sidecarOverlappingSelectors = defineRule({
  id: 'sidecar-overlapping-selectors',
  severity: 'error',
  category: 'correctness',
  istio: 'IST0110',
  istioAnalyzer: 'sidecar.SelectorAnalyzer',
  kiali: 'KIA0003',
  docs: {
    summary: 'Several Sidecars select the same workload.',
    description:
      'A workload gets exactly one Sidecar configuration. When the workloadSelectors of two Sidecars in its namespace both ' +
      'match it, istiod picks one (the oldest) and silently ignores the other.',
    fix: 'Make the selectors disjoint, or merge the Sidecars.',
    bad: `apiVersion: apps/v1
kind: Deployment
metadata: {name: ratings, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: ratings}}
  template:
    metadata: {labels: {app: ratings, tier: backend}}
    spec: {containers: [{name: ratings, image: ratings:1}]}
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: ratings, namespace: bookinfo}
spec:
  workloadSelector: {labels: {app: ratings}}
  egress: [{hosts: ["./*"]}]
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: backend, namespace: bookinfo}
spec:
  workloadSelector: {labels: {tier: backend}}
  egress: [{hosts: ["./*", "istio-system/*"]}]
`,
    good: `apiVersion: apps/v1
kind: Deployment
metadata: {name: ratings, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: ratings}}
  template:
    metadata: {labels: {app: ratings, tier: backend}}
    spec: {containers: [{name: ratings, image: ratings:1}]}
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: backend, namespace: bookinfo}
spec:
  workloadSelector: {labels: {tier: backend}}
  egress: [{hosts: ["./*", "istio-system/*"]}]
`,
  },
  check(ctx) {
    for (const [w, sidecars] of ctx.graph.sidecars.byWorkload) {
      if (sidecars.length < 2 || ambientWorkload(w)) continue;
      const names = sidecars.map((s) => s.name).sort();
      for (const sc of sidecars) {
        ctx.report({
          resource: sc.resource,
          pointer: '/spec/workloadSelector/labels',
          key: true,
          message: `Sidecars ${names.map((n) => `"${n}"`).join(', ')} all select ${w.kind} "${w.namespace}/${w.name}"; only one of them applies`,
          related: [{ resource: w.resource, pointer: `${w.templatePointer}/metadata/labels`, message: `${w.kind} ${w.namespace}/${w.name}` }, ...sidecars.filter((o) => o !== sc).map((o) => ({ resource: o.resource, pointer: '/spec/workloadSelector', message: `Sidecar ${o.namespace}/${o.name}` }))],
          fix: 'Make the selectors disjoint, or merge the Sidecars.',
          discriminator: `${w.kind}/${w.name}`,
        });
      }
    }
  },
});
