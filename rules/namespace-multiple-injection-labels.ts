import { defineRule } from '../src/engine/index.ts';

export const namespaceMultipleInjectionLabels = defineRule({
  id: 'namespace-multiple-injection-labels',
  severity: 'warning',
  category: 'security',
  istio: 'IST0123',
  istioAnalyzer: 'injection.Analyzer',
  docs: {
    summary: 'A namespace carries more than one of istio-injection, istio.io/rev and istio.io/dataplane-mode.',
    description:
      '`istio-injection=enabled` selects the default revision\'s injector, `istio.io/rev` a named revision and ' +
      '`istio.io/dataplane-mode=ambient` the ambient data plane. With two of them only one takes effect (`istio-injection` ' +
      'wins over a revision, a sidecar wins over ambient), so pods get a different control plane or data plane than one ' +
      'of the labels says — typically during a canary upgrade that was never finished.',
    fix: 'Keep one label: `istio.io/rev: <revision>` for revision-based upgrades, `istio-injection: enabled` otherwise, or only the ambient label.',
    bad: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {istio-injection: enabled, istio.io/rev: canary}
`,
    good: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {istio.io/rev: canary}
`,
    notes: 'As istioctl analyze, `istio-injection=disabled` next to another label is not reported (it turns the others off), and the Istio namespace is skipped.',
  },
  check(ctx) {
    for (const r of ctx.graph.resources.ofKind('Namespace', '')) {
      if (r.name === ctx.graph.mesh.istioNamespace) continue;
      const l = r.labels;
      const found: string[] = [];
      const inj = l['istio-injection'];
      if (inj !== undefined) found.push(`istio-injection=${inj}`);
      if (inj === undefined || inj === 'enabled') {
        if (l['istio.io/rev'] !== undefined) found.push(`istio.io/rev=${l['istio.io/rev']}`);
        if (l['istio.io/dataplane-mode'] !== undefined) found.push(`istio.io/dataplane-mode=${l['istio.io/dataplane-mode']}`);
      }
      if (found.length < 2) continue;
      ctx.report({
        resource: r,
        pointer: '/metadata/labels',
        key: true,
        message: `Namespace "${r.name}" has more than one injection label (${found.join(', ')}): only one takes effect, so its pods may get another control plane or data plane than intended`,
        fix: 'Remove all but one of these labels.',
      });
    }
  },
});
