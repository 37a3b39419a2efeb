import { defineRule } from '../src/engine/index.ts';
import { security } from '../src/graph/security/index.ts';

const CASE = (providers: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |
    defaultProviders: {metrics: [prometheus]}
---
apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: mesh-default, namespace: istio-system}
spec:
  accessLogging:
  - filter: {expression: "response.code >= 400"}${providers}
`;

export const telemetryAccessLoggingWithoutProvider = defineRule({
  id: 'telemetry-access-logging-without-provider',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0157',
  istioAnalyzer: 'telemetry.ProviderAnalyzer',
  docs: {
    summary: 'A Telemetry access logging entry names no provider while the mesh has no default access log provider.',
    description:
      'An `accessLogging` entry without `providers` uses the MeshConfig `defaultProviders.accessLogging`. When the mesh ' +
      'sets none (the default), the entry has nowhere to write: istiod ignores it and nothing is logged.',
    fix: 'Name a provider (`providers: [{name: envoy}]` logs to the proxy\'s stdout), or set defaultProviders.accessLogging in the MeshConfig.',
    bad: CASE(''),
    good: CASE('\n    providers: [{name: envoy}]'),
    notes:
      'The default providers come from --mesh-config, else the istio ConfigMap or IstioOperator among the inputs; without ' +
      'any, the mesh\'s defaults are unknown and findings are reported only under --closed-world.',
  },
  check(ctx) {
    const g = ctx.graph;
    if (g.mesh.source.kind === 'defaults' && !ctx.closedWorld) return;
    const defaults = g.mesh.raw.defaultProviders?.accessLogging;
    if (Array.isArray(defaults) ? defaults.length : defaults) return;
    const mesh = g.facet(security).meshConfigAt('defaultProviders');
    for (const r of g.resources.ofKind('Telemetry', 'telemetry.istio.io')) {
      const entries = r.object?.spec?.accessLogging;
      if (!Array.isArray(entries)) continue;
      entries.forEach((e: any, i: number) => {
        if (!e || typeof e !== 'object' || e.disabled === true || (Array.isArray(e.providers) && e.providers.length)) return;
        ctx.report({
          resource: r,
          pointer: `/spec/accessLogging/${i}`,
          message: `Access logging entry ${i} names no provider and the mesh sets no default access log provider: istiod ignores it, so nothing is logged`,
          related: mesh ? [{ ...mesh, message: 'MeshConfig without defaultProviders.accessLogging' }] : undefined,
          fix: 'Add providers: [{name: envoy}] (or another extension provider).',
        });
      });
    }
  },
});
