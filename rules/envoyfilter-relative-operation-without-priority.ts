import { defineRule } from '../src/engine/index.ts';
import { envoyFilterPatches } from '../src/graph/envoy-filters.ts';

export const envoyfilterRelativeOperationWithoutPriority = defineRule({
  id: 'envoyfilter-relative-operation-without-priority',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0151',
  istioAnalyzer: 'envoyfilter.EnvoyPatchAnalyzer',
  docs: {
    summary: 'An EnvoyFilter patch inserts, replaces or removes relative to another filter, without a priority.',
    description:
      'INSERT_BEFORE, INSERT_AFTER, REPLACE and REMOVE act on a filter that must already be in the proxy configuration ' +
      'when the patch is applied. EnvoyFilters of equal priority are applied in creation order, so when the anchor is ' +
      'added by another EnvoyFilter (or an Istio feature) the patch may find nothing and silently not apply — and start' +
      ' or stop applying after an unrelated change.',
    fix: 'Set `spec.priority` to order the EnvoyFilter after the ones it depends on, or use INSERT_FIRST / ADD, which need no anchor.',
    bad: `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: lua, namespace: bookinfo}
spec:
  workloadSelector: {labels: {app: reviews}}
  configPatches:
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
      listener: {filterChain: {filter: {name: envoy.filters.network.http_connection_manager}}}
    patch:
      operation: INSERT_FIRST
      value: {name: envoy.lua, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua}}
`,
    notes: 'Each offending patch is reported; only the first of each EnvoyFilter carries the Istio code, as istioctl analyze prints one message per EnvoyFilter.',
  },
  check(ctx) {
    for (const f of ctx.graph.facet(envoyFilterPatches)) {
      if (f.issue !== 'relative') continue;
      ctx.report({
        resource: f.resource,
        pointer: `/spec/configPatches/${f.index}/patch/operation`,
        message: `${f.operation} patch${f.name ? ` "${f.name}"` : ''} has no priority: it depends on its anchor filter being in place when it is applied, which EnvoyFilter order decides, so it may silently not apply`,
        fix: 'Set spec.priority, or use INSERT_FIRST.',
        codes: f.first ? undefined : { istio: undefined, istioAnalyzer: undefined },
      });
    }
  },
});
