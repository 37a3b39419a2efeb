import { defineRule } from '../src/engine/index.ts';
import { envoyFilterPatches } from '../src/graph/envoy-filters.ts';

export const envoyfilterReplaceUnsupported = defineRule({
  id: 'envoyfilter-replace-unsupported',
  severity: 'error',
  category: 'correctness',
  istio: 'IST0152',
  istioAnalyzer: 'envoyfilter.EnvoyPatchAnalyzer',
  docs: {
    summary: 'An EnvoyFilter REPLACE patch applies to something other than an HTTP filter, network filter or virtual host.',
    description:
      'istiod can replace only a named HTTP filter, network filter or virtual host. A REPLACE patch on a cluster, ' +
      'listener, route or filter chain is ignored: the configuration it carries never reaches the proxies.',
    fix: 'Use MERGE to change a cluster or listener, or REMOVE followed by ADD.',
    bad: `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: lua, namespace: bookinfo}
spec:
  workloadSelector: {labels: {app: reviews}}
  configPatches:
  - applyTo: CLUSTER
    match:
      context: SIDECAR_INBOUND
      listener: {filterChain: {filter: {name: envoy.filters.network.http_connection_manager}}}
    patch:
      operation: REPLACE
      value: {name: envoy.lua, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua}}
`,
    good: `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: lua, namespace: bookinfo}
spec:
  workloadSelector: {labels: {app: reviews}}
  configPatches:
  - applyTo: CLUSTER
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
      if (f.issue !== 'replace-unsupported') continue;
      ctx.report({
        resource: f.resource,
        pointer: `/spec/configPatches/${f.index}/patch/operation`,
        message: `REPLACE on ${f.applyTo || 'an unset applyTo'} is ignored: istiod replaces only HTTP_FILTER, NETWORK_FILTER and VIRTUAL_HOST`,
        fix: 'Use MERGE (or REMOVE and ADD).',
        codes: f.first ? undefined : { istio: undefined, istioAnalyzer: undefined },
      });
    }
  },
});
