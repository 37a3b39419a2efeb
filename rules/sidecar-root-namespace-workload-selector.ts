import { defineRule } from '../src/engine/index.ts';
import { selectorText } from '../src/graph/index.ts';

export const sidecarRootNamespaceWorkloadSelector = defineRule({
  id: 'sidecar-root-namespace-workload-selector',
  severity: 'warning',
  category: 'correctness',
  kiali: 'KIA1006',
  docs: {
    summary: 'A Sidecar in the root namespace has a workloadSelector, so it is not the mesh-wide default.',
    description:
      'Only a Sidecar without `workloadSelector` in the root namespace (MeshConfig `rootNamespace`, `istio-system` by ' +
      'default) is the default for every namespace that has none of its own. With a selector it is an ordinary Sidecar: ' +
      'it applies only to the matching pods of the root namespace itself, and workloads elsewhere keep the full mesh ' +
      'configuration that it was probably meant to restrict.',
    fix: 'Remove `workloadSelector` to make it the mesh-wide default, or move the Sidecar to the namespace of the workloads it should select.',
    bad: `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: istio-system}
spec:
  workloadSelector: {labels: {app: ratings}}
  egress: [{hosts: ["./*", "istio-system/*"]}]
`,
    good: `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: istio-system}
spec:
  egress: [{hosts: ["./*", "istio-system/*"]}]
`,
    notes: 'An empty `workloadSelector` (no labels) selects nothing special and is not reported, as in Kiali.',
  },
  check(ctx) {
    const root = ctx.graph.mesh.rootNamespace;
    for (const sc of ctx.graph.sidecars.all) {
      if (sc.namespace !== root || !sc.selector || !Object.keys(sc.selector).length) continue;
      ctx.report({
        resource: sc.resource,
        pointer: '/spec/workloadSelector',
        key: true,
        message: `Sidecar "${sc.namespace}/${sc.name}" in the root namespace selects "${selectorText(sc.selector)}", so it applies only to those pods of "${root}" and is not the default for other namespaces`,
        fix: 'Remove workloadSelector, or move the Sidecar to the workloads\' namespace.',
      });
    }
  },
});
