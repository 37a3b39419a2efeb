import { defineRule } from '../src/engine/index.ts';
import { GATEWAY_API, refState } from '../src/graph/index.ts';

export const gatewayApiReferenceNotPermitted = defineRule({
  id: 'gateway-api-reference-not-permitted',
  severity: 'error',
  category: 'security',
  kiali: 'KIA1402',
  docs: {
    summary: 'A Gateway API route refers to a backend in another namespace without a ReferenceGrant.',
    description:
      'A route may send traffic to a Service in another namespace only if a ReferenceGrant in that namespace allows routes ' +
      'of its kind from the route\'s namespace. Without one the reference is refused (ResolvedRefs=False, RefNotPermitted) ' +
      'and requests to that backend fail with 500.',
    fix: 'Add a ReferenceGrant in the backend\'s namespace that allows this route kind from the route\'s namespace.',
    bad: `apiVersion: v1
kind: Service
metadata: {name: payments, namespace: billing}
spec:
  selector: {app: payments}
  ports: [{name: http, port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: web}
spec:
  rules: [{backendRefs: [{name: payments, namespace: billing, port: 80}]}]
`,
    good: `apiVersion: v1
kind: Service
metadata: {name: payments, namespace: billing}
spec:
  selector: {app: payments}
  ports: [{name: http, port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: web-routes, namespace: billing}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: web}]
  to: [{group: "", kind: Service}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: web}
spec:
  rules: [{backendRefs: [{name: payments, namespace: billing, port: 80}]}]
`,
    notes: 'A missing grant is reported when ReferenceGrants were loaded or the backend\'s namespace is in the inputs; otherwise only under --closed-world.',
  },
  check(ctx) {
    const api = ctx.graph.gatewayApi;
    for (const route of api.routes) {
      for (const rule of route.rules) {
        for (const b of rule.backends) {
          if (b.namespace === route.namespace) continue;
          const grant = api.grantFor({ group: GATEWAY_API, kind: route.kind, namespace: route.namespace }, { group: b.group, kind: b.kind, namespace: b.namespace, name: b.name });
          const state = refState(!!grant, api.referenceGrantsLoaded || ctx.graph.namespaces.has(b.namespace));
          if (state === 'resolved' || (state === 'unknown' && !ctx.closedWorld)) continue;
          ctx.report({
            resource: route.resource,
            pointer: `${b.pointer}/namespace`,
            message: `No ReferenceGrant in namespace "${b.namespace}" lets ${route.kind}s from "${route.namespace}" use ${b.kind} "${b.name}", so this backend is refused`,
            fix: `Add a ReferenceGrant in "${b.namespace}" from ${route.kind} in "${route.namespace}" to ${b.kind}.`,
          });
        }
      }
    }
  },
});
