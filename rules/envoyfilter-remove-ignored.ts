import { defineRule } from '../src/engine/index.ts';
import { envoyFilterPatches } from '../src/graph/envoy-filters.ts';

export const envoyfilterRemoveIgnored = defineRule({
  id: 'envoyfilter-remove-ignored',
  severity: 'error',
  category: 'correctness',
  istio: 'IST0154',
  istioAnalyzer: 'envoyfilter.EnvoyPatchAnalyzer',
  docs: {
    summary: 'An EnvoyFilter REMOVE patch applies to a route configuration or an HTTP route.',
    description:
      'A REMOVE patch on ROUTE_CONFIGURATION or HTTP_ROUTE is ignored: the route it was meant to take away stays in the' +
      ' proxy configuration and keeps receiving traffic.',
    fix: 'Remove the route from the VirtualService that defines it, or MERGE the route configuration instead.',
    bad: `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: lua, namespace: bookinfo}
spec:
  workloadSelector: {labels: {app: reviews}}
  configPatches:
  - applyTo: HTTP_ROUTE
    match:
      context: SIDECAR_INBOUND
      listener: {filterChain: {filter: {name: envoy.filters.network.http_connection_manager}}}
    patch:
      operation: REMOVE
      value: {name: envoy.lua, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua}}
`,
    good: `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: lua, namespace: bookinfo}
spec:
  workloadSelector: {labels: {app: reviews}}
  configPatches:
  - applyTo: HTTP_ROUTE
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
      if (f.issue !== 'remove-ignored') continue;
      ctx.report({
        resource: f.resource,
        pointer: `/spec/configPatches/${f.index}/patch/operation`,
        message: `REMOVE on ${f.applyTo} is ignored: the route stays in the proxy configuration`,
        fix: 'Change the VirtualService that defines the route.',
        codes: f.first ? undefined : { istio: undefined, istioAnalyzer: undefined },
      });
    }
  },
});
