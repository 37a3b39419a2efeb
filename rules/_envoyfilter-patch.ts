import { defineRule, type Rule, type RuleDocs } from '../src/engine/index.ts';
import type { Severity } from '../src/core/index.ts';
import { envoyFilterPatches, type PatchFinding, type PatchIssue } from '../src/graph/envoy-filters.ts';

const VALUE = '      value: {name: envoy.lua, typed_config: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua}}';

/** One configPatches entry on the HTTP connection manager, for rule examples. */
export function patchExample(applyTo: string, operation: string, proxyVersion = false): string {
  return `  - applyTo: ${applyTo}
    match:
      context: SIDECAR_INBOUND${proxyVersion ? "\n      proxy: {proxyVersion: '^1\\.22.*'}" : ''}
      listener: {filterChain: {filter: {name: envoy.filters.network.http_connection_manager}}}
    patch:
      operation: ${operation}
${VALUE}
`;
}

/** An EnvoyFilter of the given patches, for rule examples. */
export function envoyFilterExample(...patches: string[]): string {
  return `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: lua, namespace: bookinfo}
spec:
  workloadSelector: {labels: {app: reviews}}
  configPatches:
${patches.join('')}`;
}

interface PatchRule {
  id: string;
  severity: Severity;
  istio: string;
  issue: PatchIssue;
  docs: Omit<RuleDocs, 'notes'>;
  message(f: PatchFinding): string;
  fix: string;
}

/**
 * A rule reporting one kind of EnvoyFilter patch finding, at the patch's operation. Only the first finding of each
 * EnvoyFilter carries the Istio code: istioctl analyze prints one message per EnvoyFilter and issue.
 */
export function envoyFilterPatchRule(r: PatchRule): Rule {
  return defineRule({
    id: r.id,
    severity: r.severity,
    category: 'correctness',
    istio: r.istio,
    istioAnalyzer: 'envoyfilter.EnvoyPatchAnalyzer',
    docs: { ...r.docs, notes: 'Each offending patch is reported; only the first of each EnvoyFilter carries the Istio code, as istioctl analyze prints one message per EnvoyFilter.' },
    check(ctx) {
      for (const f of ctx.graph.facet(envoyFilterPatches)) {
        if (f.issue !== r.issue) continue;
        ctx.report({
          resource: f.resource,
          pointer: `/spec/configPatches/${f.index}/patch/operation`,
          message: r.message(f),
          fix: r.fix,
          codes: f.first ? undefined : { istio: undefined, istioAnalyzer: undefined },
        });
      }
    },
  });
}
