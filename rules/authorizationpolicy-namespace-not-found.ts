import { defineRule } from '../src/engine/index.ts';
import { security, unmatchedEffect } from '../src/graph/security/index.ts';

const CASE = (ns: string) => `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: frontend}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: payments, namespace: shop}
spec:
  rules: [{from: [{source: {namespaces: [${ns}]}}]}]
`;

/** Istio's namespace patterns: `*`, `prefix*`, `*suffix`, else a case-insensitive name. */
function matches(pattern: string, names: readonly string[]): boolean {
  if (pattern === '*') return names.length > 0;
  if (pattern.startsWith('*')) return names.some((n) => n.endsWith(pattern.slice(1)));
  if (pattern.endsWith('*')) return names.some((n) => n.startsWith(pattern.slice(0, -1)));
  const p = pattern.toLowerCase();
  return names.some((n) => n.toLowerCase() === p);
}

export const authorizationpolicyNamespaceNotFound = defineRule({
  id: 'authorizationpolicy-namespace-not-found',
  severity: 'error',
  category: 'security',
  istio: 'IST0101',
  istioAnalyzer: 'auth.AuthorizationPoliciesAnalyzer',
  kiali: 'KIA0101',
  docs: {
    summary: 'An AuthorizationPolicy source namespace matches no namespace.',
    description:
      '`from.source.namespaces` (and `notNamespaces`) compare the caller\'s namespace, taken from its mTLS identity. An ' +
      'entry that matches no namespace — usually a typo — makes that source match no caller: an ALLOW rule then lets ' +
      'nobody in (403 RBAC: access denied) and a DENY rule blocks nobody.',
    fix: 'Correct the namespace name (exact, `prefix*` or `*suffix`).',
    bad: CASE('fronted'),
    good: CASE('frontend'),
    notes:
      'Namespaces are those of Namespace objects and of any object in the inputs. Without Namespace objects the list is ' +
      'unknown and entries are reported only under --closed-world. Kiali checks `namespaces` only (KIA0101).',
  },
  check(ctx) {
    const g = ctx.graph;
    if (!g.namespaces.anyDeclared && !ctx.closedWorld) return;
    const names = g.namespaces.all().map((n) => n.name);
    for (const ap of g.facet(security).authorizationPolicies.all) {
      for (const rule of ap.rules) {
        for (const src of rule.from) {
          for (const field of ['namespaces', 'notNamespaces'] as const) {
            for (const v of src.field(field)?.values ?? []) {
              if (matches(v.value, names)) continue;
              const effect = field === 'namespaces' ? `so this source matches no caller: ${unmatchedEffect(ap.action)}` : 'so excluding it excludes nobody';
              ctx.report({
                resource: ap.resource,
                pointer: v.pointer,
                message: `Source ${field === 'namespaces' ? 'namespace' : 'notNamespaces entry'} "${v.value}" matches no namespace, ${effect}`,
                codes: field === 'namespaces' ? undefined : { kiali: undefined },
                fix: 'Correct the namespace name.',
              });
            }
          }
        }
      }
    }
  },
});
