import { defineRule } from '../src/engine/index.ts';
import { hasWorkloads, selectorText } from '../src/graph/index.ts';
import { security } from '../src/graph/security/index.ts';

const CASE = (app: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: payments, namespace: shop}
spec:
  selector: {matchLabels: {app: payments}}
  template:
    metadata: {labels: {app: payments}}
    spec: {containers: [{name: payments, image: payments:1}]}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: payments, namespace: shop}
spec:
  selector: {matchLabels: {app: ${app}}}
  mtls: {mode: STRICT}
`;

export const peerauthenticationSelectorNoWorkload = defineRule({
  id: 'peerauthentication-selector-no-workload',
  severity: 'warning',
  category: 'security',
  kiali: 'KIA0004',
  docs: {
    summary: 'A PeerAuthentication\'s selector matches no workload of its namespace, or sits in the root namespace where selectors are ignored.',
    description:
      'A PeerAuthentication with a selector applies to the matching pods of its own namespace. When none match, the mTLS ' +
      'mode it sets is in force nowhere and the workloads it was meant for keep the namespace or mesh mode. In the root ' +
      'namespace istiod reads only selector-less (mesh-wide) policies: one with a selector is ignored altogether.',
    fix: 'Use the pod template labels of a workload of the namespace, or move the policy to the workload\'s namespace.',
    bad: CASE('payment'),
    good: CASE('payments'),
    notes: 'A namespace without workloads among the inputs is unknown and reported only under --closed-world. Kiali does not report the root-namespace case.',
  },
  check(ctx) {
    const g = ctx.graph;
    for (const pa of g.facet(security).peerAuthentications.all) {
      if (!pa.selector) continue;
      if (pa.ignored) {
        ctx.report({
          resource: pa.resource,
          pointer: '/spec/selector',
          key: true,
          message: `PeerAuthentication "${pa.namespace}/${pa.name}" has a selector in the root namespace, where istiod reads only selector-less policies: it applies to nothing`,
          codes: { kiali: undefined },
          fix: 'Move it to the namespace of the workloads it selects, or remove the selector to make it mesh-wide.',
        });
        continue;
      }
      if (pa.workloads.length || (!ctx.closedWorld && !hasWorkloads(g, pa.namespace))) continue;
      ctx.report({
        resource: pa.resource,
        pointer: '/spec/selector/matchLabels',
        key: true,
        message: `Selector ${selectorText(pa.selector)} matches no workload in namespace "${pa.namespace}", so this PeerAuthentication's mTLS mode applies to nothing`,
        fix: 'Use the pod template labels of a workload in this namespace.',
      });
    }
  },
});
