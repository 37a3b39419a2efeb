import { defineRule } from '../src/engine/index.ts';
import { hasWorkloads, selectorText } from '../src/graph/index.ts';
import { security } from '../src/graph/security/index.ts';

const CASE = (injected: boolean) => `apiVersion: v1
kind: Namespace
metadata: {name: shop${injected ? ', labels: {istio-injection: enabled}' : ''}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: payments, namespace: shop}
spec:
  selector: {matchLabels: {app: payments}}
  template:
    metadata: {labels: {app: payments}}
    spec: {containers: [{name: payments, image: payments:1}]}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: payments, namespace: shop}
spec:
  selector: {matchLabels: {app: payments}}
  rules: [{from: [{source: {namespaces: [shop]}}]}]
`;

export const authorizationpolicyNoMeshWorkload = defineRule({
  id: 'authorizationpolicy-no-mesh-workload',
  severity: 'warning',
  category: 'security',
  istio: 'IST0127',
  istioAnalyzer: 'auth.AuthorizationPoliciesAnalyzer',
  kiali: 'KIA0004',
  docs: {
    summary: 'An AuthorizationPolicy applies to no workload that has an Istio proxy.',
    description:
      'Authorization is enforced by the proxy of the called workload (sidecar, ztunnel or waypoint). When the policy\'s ' +
      'selector matches no workload, or only workloads without a proxy, nothing enforces it: the access it was meant to ' +
      'restrict stays open.',
    fix: 'Correct the selector to the pod labels of the workload, or inject the workloads it selects.',
    bad: CASE(false),
    good: CASE(true),
    notes:
      'As istioctl analyze: a root-namespace policy with a selector may match workloads in any namespace, a selector-less ' +
      'one is not checked, and policies with targetRefs are checked like selector-less ones. A namespace with no workload ' +
      'among the inputs is unknown and reported only under --closed-world; so are workloads whose sidecar status is unknown.',
  },
  check(ctx) {
    const g = ctx.graph;
    const sec = g.facet(security);
    const anyWorkload = g.workloads.all().some((w) => !w.synthetic);
    const enforced = (state: string) => state === 'in' || (state === 'unknown' && !ctx.closedWorld);
    for (const ap of sec.authorizationPolicies.all) {
      const selector = ap.targeted ? undefined : ap.selector;
      if (!selector && ap.meshWide) continue;
      const scope = ap.meshWide ? undefined : ap.namespace;
      if (!ctx.closedWorld && (scope !== undefined ? !hasWorkloads(g, scope) : !anyWorkload)) continue;
      const selected = ap.targeted ? g.workloads.inNamespace(ap.namespace) : sec.authorizationPolicies.workloadsOf(ap);
      if (selected.some((w) => enforced(sec.sidecar(w).state))) continue;
      const outside = selected.find((w) => !w.synthetic);
      const what = selector ? `Selector ${selectorText(selector)}` : `Namespace "${ap.namespace}"`;
      ctx.report({
        resource: ap.resource,
        pointer: selector ? '/spec/selector/matchLabels' : '/metadata/name',
        key: !!selector,
        message: outside
          ? `${what} ${selector ? 'matches' : 'holds'} only workloads without an Istio proxy (${outside.kind} "${outside.namespace}/${outside.name}": ${sec.sidecar(outside).reason}), so nothing enforces this policy`
          : `${what} ${selector ? `matches no workload${scope ? ` in namespace "${scope}"` : ''}` : 'holds no workload'}, so this policy applies to nothing`,
        related: outside ? [{ resource: outside.resource, message: `${outside.kind} ${outside.namespace}/${outside.name} has no sidecar` }] : undefined,
        codes: selector && !selected.length ? undefined : { kiali: undefined },
        fix: selector ? 'Use the pod labels of a workload with a sidecar, or inject the selected workloads.' : 'Inject the namespace\'s workloads, or remove the policy.',
      });
    }
  },
});
