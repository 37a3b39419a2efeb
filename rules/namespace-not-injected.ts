import { defineRule } from '../src/engine/index.ts';
import { security } from '../src/graph/security/index.ts';

const CASE = (labels: string) => `apiVersion: v1
kind: Namespace
metadata: {name: batch${labels}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: export, namespace: batch}
spec:
  selector: {matchLabels: {app: export}}
  template:
    metadata: {labels: {app: export}}
    spec: {containers: [{name: export, image: export:1}]}
`;

export const namespaceNotInjected = defineRule({
  id: 'namespace-not-injected',
  severity: 'info',
  category: 'security',
  istio: 'IST0102',
  istioAnalyzer: 'injection.Analyzer',
  docs: {
    summary: 'A namespace that holds workloads or Istio configuration has no sidecar injection label.',
    description:
      'Without `istio-injection=enabled` or `istio.io/rev=<revision>`, pods of the namespace start without an Istio sidecar: ' +
      'they send plaintext, so services whose PeerAuthentication is STRICT reset their connections, and the namespace\'s ' +
      'AuthorizationPolicies, PeerAuthentications and telemetry do not apply to them. Mark a namespace that is meant to stay ' +
      'outside the mesh with `istio-injection=disabled`.',
    fix: 'Label the namespace `istio-injection: enabled` (or `istio.io/rev: <revision>`), or `istio-injection: disabled` to keep it out on purpose.',
    bad: CASE(''),
    good: CASE(', labels: {istio-injection: enabled}'),
    notes:
      'istioctl analyze reports every unlabelled Namespace; meshlint reports only namespaces that hold workloads or Istio ' +
      'configuration among the inputs, except under --closed-world (which mirrors istioctl). The Istio namespace and ambient ' +
      'namespaces are skipped; with `enableNamespacesByDefault` the namespace-injection-enabled-by-default rule reports instead.',
  },
  check(ctx) {
    const g = ctx.graph;
    const sec = g.facet(security);
    for (const r of g.resources.ofKind('Namespace', '')) {
      // Mode 'none': no injection label, not ambient, and the injector does not inject it by default.
      if (r.name === g.mesh.istioNamespace || sec.namespace(r.name).mode !== 'none') continue;
      if (!ctx.closedWorld && !sec.namespaceInUse(r.name)) continue;
      const pods = g.workloads.inNamespace(r.name).filter((w) => !w.synthetic);
      const one = pods.length === 1;
      const what = one ? `${pods[0].kind} "${pods[0].name}" runs` : pods.length ? `its ${pods.length} workloads run` : 'pods created in it run';
      ctx.report({
        resource: r,
        pointer: '/metadata/name',
        message: `Namespace "${r.name}" is not enabled for Istio injection: ${what} without a sidecar, so ${one ? 'it sends' : 'they send'} plaintext and mesh policies do not apply to ${one ? 'it' : 'them'}`,
        related: pods.slice(0, 3).map((w) => ({ resource: w.resource, message: `${w.kind} ${w.namespace}/${w.name} runs without a sidecar` })),
        fix: `Label the namespace istio-injection=enabled (kubectl label namespace ${r.name} istio-injection=enabled), or istio-injection=disabled to keep it out of the mesh on purpose.`,
      });
    }
  },
});
