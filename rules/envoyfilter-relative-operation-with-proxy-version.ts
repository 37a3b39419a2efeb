import { defineRule } from '../src/engine/index.ts';
import { envoyFilterPatches } from '../src/graph/envoy-filters.ts';

export const envoyfilterRelativeOperationWithProxyVersion = defineRule({
  id: 'envoyfilter-relative-operation-with-proxy-version',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0155',
  istioAnalyzer: 'envoyfilter.EnvoyPatchAnalyzer',
  docs: {
    summary: 'A relative EnvoyFilter patch without priority names a filter that is also patched for a specific proxy version.',
    description:
      'A patch matching `proxy.proxyVersion` applies only to proxies of that version. A later relative patch ' +
      '(INSERT_BEFORE, INSERT_AFTER, REPLACE, REMOVE) on the same filter, without a priority, depends on it: while ' +
      'proxies are upgraded, one patch applies and the other no longer finds its anchor, so the filter chain differs ' +
      'from proxy to proxy.',
    fix: 'Set `spec.priority`, or drop the proxyVersion match once every proxy runs the version.',
    bad: `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: lua, namespace: bookinfo}
spec:
  workloadSelector: {labels: {app: reviews}}
  configPatches:
  - applyTo: HTTP_FILTER
    match:
      context: SIDECAR_INBOUND
      proxy: {proxyVersion: '^1\\.2.*'}
      listener: {filterChain: {filter: {name: envoy.filters.network.http_connection_manager}}}
    patch:
      operation: INSERT_FIRST
      value: {name: envoy.lua, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua}}
  - applyTo: HTTP_FILTER
    match:
      context: SIDECAR_INBOUND
      listener: {filterChain: {filter: {name: envoy.filters.network.http_connection_manager}}}
    patch:
      operation: INSERT_BEFORE
      value: {name: envoy.lua, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua}}
`,
    good: `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: lua, namespace: bookinfo}
spec:
  workloadSelector: {labels: {app: reviews}}
  configPatches:
  - applyTo: HTTP_FILTER
    match:
      context: SIDECAR_INBOUND
      proxy: {proxyVersion: '^1\\.2.*'}
      listener: {filterChain: {filter: {name: envoy.filters.network.http_connection_manager}}}
    patch:
      operation: INSERT_FIRST
      value: {name: envoy.lua, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua}}
  - applyTo: HTTP_FILTER
    match:
      context: SIDECAR_INBOUND
      listener: {filterChain: {filter: {name: envoy.filters.network.http_connection_manager}}}
    patch:
      operation: INSERT_FIRST
      value: {name: envoy.lua, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua}}
`,
    notes: 'Each offending patch is reported; only the first of each EnvoyFilter carries the Istio code, as istioctl analyze prints one message per EnvoyFilter.',
  },
  check(ctx) {
    for (const f of ctx.graph.facet(envoyFilterPatches)) {
      if (f.issue !== 'relative-versioned') continue;
      ctx.report({
        resource: f.resource,
        pointer: `/spec/configPatches/${f.index}/patch/operation`,
        message: `${f.operation} patch${f.name ? ` of "${f.name}"` : ''} has no priority and names a filter another patch matches by proxyVersion: during an upgrade it may not apply`,
        fix: 'Set spec.priority, or remove the proxyVersion match.',
        codes: f.first ? undefined : { istio: undefined, istioAnalyzer: undefined },
      });
    }
  },
});
