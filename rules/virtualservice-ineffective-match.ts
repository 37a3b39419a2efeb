import { defineRule } from '../src/engine/index.ts';
import { shadowedRoutes } from '../src/graph/index.ts';

export const virtualserviceIneffectiveMatch = defineRule({
  id: 'virtualservice-ineffective-match',
  severity: 'info',
  category: 'correctness',
  istio: 'IST0131',
  istioAnalyzer: 'schema.ValidationAnalyzer.VirtualService',
  docs: {
    summary: 'A VirtualService match never matches because an earlier match takes the same requests.',
    description:
      'Routes are tried in order. A match equal to an earlier one (its `name` aside), or an HTTP `uri.prefix` match under a ' +
      'shorter earlier prefix with the same other conditions, never selects its route: requests go to the earlier route.',
    fix: 'Remove the match, or move the more specific match before the general one.',
    bad: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: web}
spec:
  hosts: [shop]
  http:
  - match: [{uri: {prefix: /api}}]
    route: [{destination: {host: api}}]
  - match: [{uri: {prefix: /api/v2}}]
    route: [{destination: {host: api-v2}}]
`,
    good: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: web}
spec:
  hosts: [shop]
  http:
  - match: [{uri: {prefix: /api/v2}}]
    route: [{destination: {host: api-v2}}]
  - match: [{uri: {prefix: /api}}]
    route: [{destination: {host: api}}]
`,
    notes: 'As istiod\'s validation, a match without `method` is compared as if it were `exact: GET`.',
  },
  check(ctx) {
    for (const vs of ctx.graph.routing.virtualServices) {
      for (const s of shadowedRoutes(vs)) {
        if (s.kind !== 'ineffective') continue;
        ctx.report({
          resource: vs.resource,
          pointer: `/spec/${s.route}/${s.routeIndex}/match/${s.matchIndex}`,
          message: `Match ${s.matchLabel} of ${s.route.toUpperCase()} route ${s.label} is never used: ${s.reason} takes the same requests first`,
          fix: 'Remove the match, or order the more specific match first.',
          discriminator: `${s.matchIndex}/${s.reason}`,
        });
      }
    }
  },
});
