import { defineRule } from '../src/engine/index.ts';
import { shadowedRoutes } from '../src/graph/index.ts';

export const virtualserviceUnreachableRoute = defineRule({
  id: 'virtualservice-unreachable-route',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0130',
  istioAnalyzer: 'schema.ValidationAnalyzer.VirtualService',
  docs: {
    summary: 'A VirtualService route can never be used because earlier routes take all its traffic.',
    description:
      'Routes are tried in order and the first match wins. A route after one without `match` (a catch-all), or whose every ' +
      'match repeats an earlier route\'s match, never receives a request: its destinations, retries and faults are dead configuration.',
    fix: 'Move the catch-all route to the end, or remove the duplicated route.',
    bad: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route: [{destination: {host: reviews, subset: v1}}]
  - match: [{headers: {end-user: {exact: jason}}}]
    route: [{destination: {host: reviews, subset: v2}}]
`,
    good: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - match: [{headers: {end-user: {exact: jason}}}]
    route: [{destination: {host: reviews, subset: v2}}]
  - route: [{destination: {host: reviews, subset: v1}}]
`,
  },
  check(ctx) {
    for (const vs of ctx.graph.routing.virtualServices) {
      for (const s of shadowedRoutes(vs)) {
        if (s.kind !== 'unreachable') continue;
        ctx.report({
          resource: vs.resource,
          pointer: s.matchIndex === undefined ? `/spec/${s.route}/${s.routeIndex}` : `/spec/${s.route}/${s.routeIndex}/match`,
          key: s.matchIndex !== undefined,
          message: `${s.route.toUpperCase()} route ${s.label} is never used (${s.reason})`,
          fix: s.reason === 'all matches used by prior rules' ? 'Remove the route, or change its matches.' : 'Put the route without matches last.',
          discriminator: s.reason,
        });
      }
    }
  },
});
