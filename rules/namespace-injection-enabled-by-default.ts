import { defineRule } from '../src/engine/index.ts';
import { security } from '../src/graph/security/index.ts';

const INJECTOR = `apiVersion: v1
kind: ConfigMap
metadata: {name: istio-sidecar-injector, namespace: istio-system}
data:
  values: '{"sidecarInjectorWebhook":{"enableNamespacesByDefault":true}}'
`;
const WORKLOAD = `apiVersion: apps/v1
kind: Deployment
metadata: {name: export, namespace: batch}
spec:
  selector: {matchLabels: {app: export}}
  template:
    metadata: {labels: {app: export}}
    spec: {containers: [{name: export, image: export:1}]}
`;

export const namespaceInjectionEnabledByDefault = defineRule({
  id: 'namespace-injection-enabled-by-default',
  severity: 'info',
  category: 'security',
  istio: 'IST0148',
  istioAnalyzer: 'injection.Analyzer',
  docs: {
    summary: 'A namespace without injection labels is injected because the injector enables every namespace by default.',
    description:
      'With `sidecarInjectorWebhook.enableNamespacesByDefault: true` in the injector values, every namespace without ' +
      '`istio-injection` or `istio.io/rev` gets sidecars. That is easy to miss when reading the namespace: label it so its ' +
      'membership in the mesh is explicit (and survives an injector reinstall with the default values).',
    fix: 'Label the namespace `istio-injection: enabled`, or `istio-injection: disabled` if it must stay out of the mesh.',
    bad: `${INJECTOR}---
apiVersion: v1
kind: Namespace
metadata: {name: batch}
---
${WORKLOAD}`,
    good: `${INJECTOR}---
apiVersion: v1
kind: Namespace
metadata: {name: batch, labels: {istio-injection: enabled}}
---
${WORKLOAD}`,
    notes: 'Like namespace-not-injected, only namespaces that hold workloads or Istio configuration are reported, except under --closed-world.',
  },
  check(ctx) {
    const g = ctx.graph;
    const sec = g.facet(security);
    for (const r of g.resources.ofKind('Namespace', '')) {
      if (!sec.namespace(r.name).byDefault || (!ctx.closedWorld && !sec.namespaceInUse(r.name))) continue;
      const byDefault = sec.injector.enableNamespacesByDefault()!;
      ctx.report({
        resource: r,
        pointer: '/metadata/name',
        message: `Namespace "${r.name}" has no injection label but is injected, because the injector enables every namespace by default (enableNamespacesByDefault)`,
        related: [{ resource: byDefault.resource, pointer: '/data/values', message: `ConfigMap ${byDefault.resource.namespace}/${byDefault.resource.name} sets enableNamespacesByDefault: true` }],
        fix: 'Label the namespace istio-injection=enabled (or istio-injection=disabled to keep it out of the mesh).',
      });
    }
  },
});
