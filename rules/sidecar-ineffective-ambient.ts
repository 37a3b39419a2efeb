import { defineRule } from '../src/engine/index.ts';
import { ambientNamespace, ambientWorkload } from '../src/graph/index.ts';

export const sidecarIneffectiveAmbient = defineRule({
  id: 'sidecar-ineffective-ambient',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0167',
  istioAnalyzer: 'sidecar.SelectorAnalyzer',
  docs: {
    summary: 'A Sidecar applies to ambient workloads, which have no sidecar.',
    description:
      'Ambient workloads have no sidecar proxy, so a Sidecar resource does nothing for them: its egress restrictions and ' +
      'listener settings are silently ignored.',
    fix: 'Remove the Sidecar, or take the namespace or workload out of ambient mode.',
    bad: `apiVersion: v1
kind: Namespace
metadata: {name: bookinfo, labels: {istio.io/dataplane-mode: ambient}}
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: bookinfo}
spec:
  egress: [{hosts: ["./*"]}]
`,
    good: `apiVersion: v1
kind: Namespace
metadata: {name: bookinfo, labels: {istio-injection: enabled}}
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: bookinfo}
spec:
  egress: [{hosts: ["./*"]}]
`,
  },
  check(ctx) {
    for (const sc of ctx.graph.sidecars.all) {
      const scoped = !!sc.selector && Object.keys(sc.selector).length > 0;
      if (!scoped && ambientNamespace(ctx.graph.namespaces.labels(sc.namespace))) {
        ctx.report({ resource: sc.resource, pointer: '/metadata/namespace', message: `Namespace "${sc.namespace}" is in ambient mode, so this Sidecar has no effect`, fix: 'Remove the Sidecar.' });
        continue;
      }
      const w = sc.workloads.find(ambientWorkload);
      if (!w) continue;
      ctx.report({
        resource: sc.resource,
        pointer: '/spec/workloadSelector/labels',
        key: true,
        message: `Selected ${w.kind} "${w.namespace}/${w.name}" is in ambient mode, so this Sidecar has no effect on it`,
        related: [{ resource: w.resource, pointer: w.templatePointer ? `${w.templatePointer}/metadata` : '/metadata', message: `${w.kind} ${w.namespace}/${w.name}` }],
        fix: 'Remove the Sidecar, or take the workload out of ambient mode.',
      });
    }
  },
});
