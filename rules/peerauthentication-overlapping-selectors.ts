import { defineRule } from '../src/engine/index.ts';
import { security } from '../src/graph/security/index.ts';

const BASE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: payments, namespace: shop}
spec:
  selector: {matchLabels: {app: payments}}
  template:
    metadata: {labels: {app: payments, tier: backend}}
    spec: {containers: [{name: payments, image: payments:1}]}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: payments, namespace: shop}
spec:
  selector: {matchLabels: {app: payments}}
  mtls: {mode: STRICT}
`;

export const peerauthenticationOverlappingSelectors = defineRule({
  id: 'peerauthentication-overlapping-selectors',
  severity: 'error',
  category: 'security',
  kiali: 'KIA0003',
  docs: {
    summary: 'Several PeerAuthentications select the same workload.',
    description:
      'A workload gets the mTLS settings of one workload-level PeerAuthentication. When the selectors of two policies of its ' +
      'namespace both match it, istiod applies the oldest and ignores the other, including its portLevelMtls.',
    fix: 'Make the selectors disjoint, or merge the policies.',
    bad: `${BASE}---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: backend, namespace: shop}
spec:
  selector: {matchLabels: {tier: backend}}
  mtls: {mode: PERMISSIVE}
`,
    good: BASE,
  },
  check(ctx) {
    const sec = ctx.graph.facet(security);
    for (const w of ctx.graph.workloads.all()) {
      const pas = sec.peerAuthentications.forWorkload(w);
      if (pas.length < 2) continue;
      const names = pas.map((p) => `"${p.name}"`).join(', ');
      for (const pa of pas) {
        ctx.report({
          resource: pa.resource,
          pointer: '/spec/selector/matchLabels',
          key: true,
          message: `PeerAuthentications ${names} all select ${w.kind} "${w.namespace}/${w.name}": istiod applies only "${pas[0].name}"${pa === pas[0] ? '' : ', so this one is ignored for it'}`,
          related: [{ resource: w.resource, pointer: `${w.templatePointer}/metadata/labels`, message: `${w.kind} ${w.namespace}/${w.name}` }, ...pas.filter((o) => o !== pa).map((o) => ({ resource: o.resource, pointer: '/spec/selector', message: `PeerAuthentication ${o.namespace}/${o.name}` }))],
          fix: 'Make the selectors disjoint, or merge the PeerAuthentications.',
          discriminator: `${w.kind}/${w.name}`,
        });
      }
    }
  },
});
