import { defineRule } from '../src/engine/index.ts';
import { telemetries } from '../src/graph/telemetries.ts';

const TELEMETRY = (name: string, mode: string) => `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: ${name}, namespace: shop}
spec:
  metrics: [{providers: [{name: prometheus}], overrides: [{match: {metric: ALL_METRICS, mode: ${mode}}, disabled: false}]}]
`;

export const telemetryMultipleDefaults = defineRule({
  id: 'telemetry-multiple-defaults',
  severity: 'error',
  category: 'correctness',
  istio: 'IST0160',
  istioAnalyzer: 'telemetry.DefaultSelectorAnalyzer',
  docs: {
    summary: 'A namespace has more than one Telemetry without selector.',
    description:
      'A Telemetry without `selector` (or target) configures every workload of its namespace — of the whole mesh in the ' +
      'root namespace. With two of them istiod uses only one (the oldest), so the metrics, traces or access logs the other ' +
      'configures are silently not produced.',
    fix: 'Merge the namespace-wide Telemetries into one, or give all but one a selector.',
    bad: `${TELEMETRY('client-metrics', 'CLIENT')}---\n${TELEMETRY('server-metrics', 'SERVER')}`,
    good: TELEMETRY('metrics', 'CLIENT_AND_SERVER'),
    notes: 'Telemetries with `targetRef`/`targetRefs` apply to what they target and are not counted; istioctl analyze counts them.',
  },
  check(ctx) {
    for (const [ns, defaults] of ctx.graph.facet(telemetries).defaultsByNamespace) {
      if (defaults.length < 2) continue;
      const names = defaults.map((t) => `"${t.name}"`).sort().join(', ');
      for (const t of defaults) {
        ctx.report({
          resource: t.resource,
          pointer: '/spec',
          key: true,
          message: `Telemetries ${names} in namespace "${ns}" have no selector: istiod applies only one of them, so the others' settings are not in effect`,
          related: defaults.filter((o) => o !== t).map((o) => ({ resource: o.resource, message: `Telemetry ${o.namespace}/${o.name}` })),
          fix: 'Merge them into one namespace-wide Telemetry.',
        });
      }
    }
  },
});
