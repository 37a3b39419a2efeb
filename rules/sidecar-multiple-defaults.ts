import { defineRule } from '../src/engine/index.ts';
import { ambientNamespace } from '../src/graph/index.ts';

export const sidecarMultipleDefaults = defineRule({
  id: 'sidecar-multiple-defaults',
  severity: 'error',
  category: 'correctness',
  istio: 'IST0111',
  istioAnalyzer: 'sidecar.SelectorAnalyzer',
  kiali: 'KIA0002',
  docs: {
    summary: 'A namespace has more than one Sidecar without workloadSelector.',
    description:
      'A Sidecar without `workloadSelector` is the default for every workload of its namespace. With two of them, istiod ' +
      'uses one (the oldest) and ignores the other, so half of the intended egress restrictions silently do not apply.',
    fix: 'Merge the default Sidecars into one, or give all but one a workloadSelector.',
    bad: `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: bookinfo}
spec:
  egress: [{hosts: ["./*"]}]
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: egress, namespace: bookinfo}
spec:
  egress: [{hosts: ["istio-system/*"]}]
`,
    good: `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: bookinfo}
spec:
  egress: [{hosts: ["./*", "istio-system/*"]}]
`,
  },
  check(ctx) {
    for (const [ns, defaults] of ctx.graph.sidecars.defaultsByNamespace) {
      if (defaults.length < 2 || ambientNamespace(ctx.graph.namespaces.labels(ns))) continue;
      const names = defaults.map((s) => s.name).sort();
      for (const sc of defaults) {
        ctx.report({
          resource: sc.resource,
          pointer: sc.resource.object?.spec?.workloadSelector ? '/spec/workloadSelector' : '/spec',
          key: true,
          message: `Sidecars ${names.map((n) => `"${n}"`).join(', ')} in namespace "${ns}" have no workloadSelector; only one of them applies`,
          related: defaults.filter((o) => o !== sc).map((o) => ({ resource: o.resource, message: `Sidecar ${o.namespace}/${o.name}` })),
          fix: 'Merge them into one default Sidecar.',
        });
      }
    }
  },
});
