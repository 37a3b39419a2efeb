import { defineRule } from '../src/engine/index.ts';
import { envoyFilterPatches } from '../src/graph/envoy-filters.ts';

export const envoyfilterAddIgnored = defineRule({
  id: 'envoyfilter-add-ignored',
  severity: 'error',
  category: 'correctness',
  istio: 'IST0153',
  istioAnalyzer: 'envoyfilter.EnvoyPatchAnalyzer',
  docs: {
    summary: 'An EnvoyFilter ADD patch applies to a route configuration or an HTTP route.',
    description:
      'istiod builds route configurations and HTTP routes from VirtualServices; an ADD patch on ROUTE_CONFIGURATION or ' +
      'HTTP_ROUTE is ignored, so the route it describes never exists.',
    fix: 'Add routes with a VirtualService, or MERGE into an existing route configuration or virtual host.',
    bad: `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: lua, namespace: bookinfo}
spec:
  workloadSelector: {labels: {app: reviews}}
  configPatches:
  - applyTo: ROUTE_CONFIGURATION
    match:
      context: SIDECAR_INBOUND
      listener: {filterChain: {filter: {name: envoy.filters.network.http_connection_manager}}}
    patch:
      operation: ADD
      value: {name: envoy.lua, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua}}
`,
    good: `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: lua, namespace: bookinfo}
spec:
  workloadSelector: {labels: {app: reviews}}
  configPatches:
  - applyTo: ROUTE_CONFIGURATION
    match:
      context: SIDECAR_INBOUND
      listener: {filterChain: {filter: {name: envoy.filters.network.http_connection_manager}}}
    patch:
      operation: MERGE
      value: {name: envoy.lua, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua}}
`,
    notes: 'Each offending patch is reported; only the first of each EnvoyFilter carries the Istio code, as istioctl analyze prints one message per EnvoyFilter.',
  },
  check(ctx) {
    for (const f of ctx.graph.facet(envoyFilterPatches)) {
      if (f.issue !== 'add-ignored') continue;
      ctx.report({
        resource: f.resource,
        pointer: `/spec/configPatches/${f.index}/patch/operation`,
        message: `ADD on ${f.applyTo} is ignored: istiod does not add route configurations or HTTP routes from patches`,
        fix: 'Use a VirtualService, or MERGE.',
        codes: f.first ? undefined : { istio: undefined, istioAnalyzer: undefined },
      });
    }
  },
});
