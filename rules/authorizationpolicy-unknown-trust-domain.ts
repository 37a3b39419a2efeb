import { defineRule } from '../src/engine/index.ts';
import { security } from '../src/graph/security/index.ts';

const CASE = (td: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |
    trustDomain: cluster.local
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: reviews}}
  rules: [{from: [{source: {principals: ["${td}/ns/bookinfo/sa/productpage"]}}]}]
`;

export const authorizationpolicyUnknownTrustDomain = defineRule({
  id: 'authorizationpolicy-unknown-trust-domain',
  severity: 'warning',
  category: 'security',
  kiali: 'KIA0108',
  docs: {
    summary: 'An AuthorizationPolicy principal names a trust domain that is neither the mesh\'s nor one of its aliases.',
    description:
      'Workload identities carry the mesh trust domain (MeshConfig `trustDomain`, `cluster.local` by default). A principal ' +
      'with another trust domain matches only callers from a federated mesh with that domain; unless `trustDomainAliases` ' +
      'lists it, local callers never match (an ALLOW rule denies them, 403 RBAC: access denied).',
    fix: 'Use the mesh trust domain, or add the domain to MeshConfig trustDomainAliases.',
    bad: CASE('cluster.example.com'),
    good: CASE('cluster.local'),
    notes: 'Without a MeshConfig among the inputs (or --mesh-config) the trust domain is assumed to be cluster.local; findings are then reported only under --closed-world.',
  },
  check(ctx) {
    const g = ctx.graph;
    if (g.mesh.source.kind === 'defaults' && !ctx.closedWorld) return;
    const sec = g.facet(security);
    const td = sec.meshConfigAt('trustDomain');
    for (const ap of sec.authorizationPolicies.all) {
      for (const rule of ap.rules) {
        for (const src of rule.from) {
          for (const v of src.field('principals')?.values ?? []) {
            const m = sec.identities.match(v.value);
            if (m.state !== 'foreign') continue;
            ctx.report({
              resource: ap.resource,
              pointer: v.pointer,
              message: `Principal "${v.value}" has trust domain "${m.trustDomain}", but the mesh's is "${g.mesh.trustDomain}"${g.mesh.trustDomainAliases.length ? ` (aliases ${g.mesh.trustDomainAliases.join(', ')})` : ''}: local callers never match it`,
              related: td ? [{ ...td, message: `MeshConfig trustDomain ${g.mesh.trustDomain}` }] : undefined,
              fix: `Write "${g.mesh.trustDomain}/…", or add "${m.trustDomain}" to MeshConfig trustDomainAliases.`,
            });
          }
        }
      }
    }
  },
});
