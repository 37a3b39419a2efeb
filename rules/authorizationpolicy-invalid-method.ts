import { defineRule } from '../src/engine/index.ts';
import { security, unmatchedEffect } from '../src/graph/security/index.ts';

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE'];
const CASE = (m: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: read-only, namespace: shop}
spec:
  selector: {matchLabels: {app: catalog}}
  rules: [{to: [{operation: {methods: [${m}, HEAD]}}]}]
`;

/** Kiali's test: an HTTP method, `*`, or a `PREFIX*` / `*SUFFIX` some HTTP method matches (case aside). */
function valid(m: string): boolean {
  const u = m.trim().toUpperCase();
  if (u === '*') return true;
  if (u.endsWith('*')) return HTTP_METHODS.some((x) => x.startsWith(u.slice(0, -1)));
  if (u.startsWith('*')) return HTTP_METHODS.some((x) => x.endsWith(u.slice(1)));
  return HTTP_METHODS.includes(u);
}

export const authorizationpolicyInvalidMethod = defineRule({
  id: 'authorizationpolicy-invalid-method',
  severity: 'warning',
  category: 'security',
  kiali: 'KIA0102',
  docs: {
    summary: 'An AuthorizationPolicy operation names something that is not an upper-case HTTP method.',
    description:
      '`to.operation.methods` is compared with the request method exactly: `GET`, `POST`… (gRPC calls are all `POST`; use ' +
      '`paths` for gRPC methods). A typo, a gRPC method name or a lower-case method never matches, so an ALLOW rule lets ' +
      'nothing through (403 RBAC: access denied) and a DENY rule blocks nothing.',
    fix: 'Use upper-case HTTP method names; match gRPC methods with `paths: ["/package.Service/Method"]`.',
    bad: CASE('get'),
    good: CASE('GET'),
    notes: 'Kiali accepts lower-case methods (it compares upper-cased); Envoy does not, so meshlint reports them without the Kiali code. `notMethods` is checked too.',
  },
  check(ctx) {
    for (const ap of ctx.graph.facet(security).authorizationPolicies.all) {
      for (const rule of ap.rules) {
        for (const op of rule.to) {
          for (const field of ['methods', 'notMethods'] as const) {
            for (const v of op.field(field)?.values ?? []) {
              const ok = valid(v.value);
              if (ok && v.value === v.value.toUpperCase()) continue;
              ctx.report({
                resource: ap.resource,
                pointer: v.pointer,
                message: ok
                  ? `Method "${v.value}" never matches, request methods are upper case ("${v.value.toUpperCase()}"): ${unmatchedEffect(ap.action)}`
                  : field === 'methods' ? `"${v.value}" is not an HTTP method, so this operation never matches: ${unmatchedEffect(ap.action)}` : `"${v.value}" is not an HTTP method, so this exclusion excludes nothing`,
                codes: !ok && field === 'methods' ? undefined : { kiali: undefined },
                fix: ok ? `Write "${v.value.toUpperCase()}".` : 'Use an HTTP method (GET, POST, PUT, DELETE…); match gRPC methods with paths.',
              });
            }
          }
        }
      }
    }
  },
});
