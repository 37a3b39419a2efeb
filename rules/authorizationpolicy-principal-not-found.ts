import { defineRule } from '../src/engine/index.ts';
import { security, unmatchedEffect } from '../src/graph/security/index.ts';

const CASE = (sa: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: productpage, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: productpage}}
  template:
    metadata: {labels: {app: productpage}}
    spec:
      serviceAccountName: bookinfo-productpage
      containers: [{name: productpage, image: productpage:1}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: reviews}}
  rules: [{from: [{source: {principals: ["cluster.local/ns/bookinfo/sa/${sa}"]}}]}]
`;

export const authorizationpolicyPrincipalNotFound = defineRule({
  id: 'authorizationpolicy-principal-not-found',
  severity: 'error',
  category: 'security',
  kiali: 'KIA0106',
  docs: {
    summary: 'An AuthorizationPolicy principal matches no service account of the inputs.',
    description:
      'A principal is the mTLS identity `<trust domain>/ns/<namespace>/sa/<service account>` of the calling workload. When ' +
      'no workload runs as that service account (and no ServiceAccount of that name exists) the source matches no caller: ' +
      'an ALLOW rule keeps the intended client out (403 RBAC: access denied), a DENY rule blocks nobody. Prefix and suffix ' +
      'wildcards (`…/sa/web-*`, `*/sa/web`) are matched as Istio does.',
    fix: 'Use the service account the calling workload runs as (`serviceAccountName`, `default` when unset).',
    bad: CASE('productpage'),
    good: CASE('bookinfo-productpage'),
    notes:
      'Service accounts come from ServiceAccount objects and pod templates (Kiali counts only pods). A principal of a ' +
      'namespace with no workload or ServiceAccount among the inputs is unknown and reported only under --closed-world; ' +
      'one with a foreign trust domain is reported by authorizationpolicy-unknown-trust-domain.',
  },
  check(ctx) {
    const sec = ctx.graph.facet(security);
    for (const ap of sec.authorizationPolicies.all) {
      for (const rule of ap.rules) {
        for (const src of rule.from) {
          for (const v of src.field('principals')?.values ?? []) {
            const m = sec.identities.match(v.value);
            if (m.state === 'found' || m.state === 'foreign' || (m.state === 'unknown' && !ctx.closedWorld)) continue;
            const ns = m.state === 'missing' ? m.namespace : undefined;
            const known = ns ? [...sec.identities.serviceAccounts(ns).keys()] : [];
            ctx.report({
              resource: ap.resource,
              pointer: v.pointer,
              message: `Principal "${v.value}" matches no service account${ns ? ` of namespace "${ns}"` : ''}, so no caller has this identity: ${unmatchedEffect(ap.action)}`,
              fix: known.length ? `Use one of the service accounts of "${ns}": ${known.slice(0, 5).join(', ')}${known.length > 5 ? ', …' : ''}.` : 'Use the service account the calling workload runs as.',
            });
          }
        }
      }
    }
  },
});
