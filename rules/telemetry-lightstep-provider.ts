import { defineRule } from '../src/engine/index.ts';
import { security } from '../src/graph/security/index.ts';

const CASE = (provider: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |
    extensionProviders:
    - name: lightstep
      lightstep: {service: lightstep.monitoring.svc.cluster.local, port: 443, accessToken: token}
    - name: otel
      opentelemetry: {service: otel-collector.monitoring.svc.cluster.local, port: 4317}
---
apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: mesh-default, namespace: istio-system}
spec:
  tracing: [{providers: [{name: ${provider}}]}]
`;

export const telemetryLightstepProvider = defineRule({
  id: 'telemetry-lightstep-provider',
  severity: 'warning',
  category: 'hygiene',
  istio: 'IST0002',
  istioAnalyzer: 'telemetry.LightstepAnalyzer',
  docs: {
    summary: 'A Telemetry traces through a Lightstep extension provider, which is deprecated.',
    description:
      'The `lightstep` extension provider type is deprecated in favour of OpenTelemetry (Lightstep accepts OTLP). Once it ' +
      'is removed from Istio, the provider no longer loads and the traces this Telemetry sends stop.',
    fix: 'Define an `opentelemetry` extension provider pointing at the collector (or Lightstep\'s OTLP endpoint) and trace through it.',
    bad: CASE('lightstep'),
    good: CASE('otel'),
    notes: 'Extension providers come from --mesh-config, else the istio ConfigMap or IstioOperator among the inputs.',
  },
  check(ctx) {
    const g = ctx.graph;
    const providers = g.mesh.raw.extensionProviders;
    const lightstep = new Set<string>(Array.isArray(providers) ? providers.filter((p: any) => p?.lightstep !== undefined && typeof p.name === 'string').map((p: any) => p.name) : []);
    if (!lightstep.size) return;
    const mesh = g.facet(security).meshConfigAt('extensionProviders');
    for (const r of g.resources.ofKind('Telemetry', 'telemetry.istio.io')) {
      const tracing = r.object?.spec?.tracing;
      if (!Array.isArray(tracing)) continue;
      tracing.forEach((t: any, i: number) => {
        if (!Array.isArray(t?.providers)) return;
        t.providers.forEach((p: any, j: number) => {
          if (!lightstep.has(p?.name)) return;
          ctx.report({
            resource: r,
            pointer: `/spec/tracing/${i}/providers/${j}/name`,
            message: `Tracing provider "${p.name}" is a Lightstep provider, which is deprecated: migrate to an OpenTelemetry provider before it is removed`,
            related: mesh ? [{ ...mesh, message: `MeshConfig extension provider ${p.name}` }] : undefined,
            fix: 'Trace through an opentelemetry extension provider.',
          });
        });
      });
    }
  },
});
