import { defineRule } from '../src/engine/index.ts';

export const destinationruleTlsWithoutCa = defineRule({
  id: 'destinationrule-tls-without-ca',
  severity: 'warning',
  category: 'security',
  istio: 'IST0128',
  istioAnalyzer: 'destinationrule.CaCertificateAnalyzer',
  docs: {
    summary: 'A DestinationRule originates TLS without a CA to verify the server.',
    description:
      'With `tls.mode: SIMPLE` or `MUTUAL` and no `caCertificates`, the sidecar does not verify the server certificate, so ' +
      'a spoofed server is accepted. A `credentialName` with a `workloadSelector` (on a gateway) provides the CA from the ' +
      'secret instead.',
    fix: 'Set `caCertificates` (or a `credentialName` holding `ca.crt` on a DestinationRule with a workloadSelector).',
    bad: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: db, namespace: prod}
spec:
  host: db.example.com
  trafficPolicy:
    tls: {mode: SIMPLE}
`,
    good: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: db, namespace: prod}
spec:
  host: db.example.com
  trafficPolicy:
    tls: {mode: SIMPLE, caCertificates: /etc/certs/ca.pem}
`,
    notes: 'Port-level settings are reported with IST0129. As istioctl analyze, subset traffic policies and `insecureSkipVerify` are not considered.',
  },
  check(ctx) {
    for (const dr of ctx.graph.routing.destinationRules) {
      const spec = dr.resource.object?.spec;
      const tp = spec?.trafficPolicy;
      const selector = !!spec?.workloadSelector;
      const unverified = (tls: any) => tls && (tls.mode === 'SIMPLE' || tls.mode === 'MUTUAL') && !tls.caCertificates && !(tls.credentialName && selector);
      if (unverified(tp?.tls)) {
        ctx.report({ resource: dr.resource, pointer: '/spec/trafficPolicy/tls/mode', message: `TLS mode ${tp.tls.mode} toward "${dr.host}" without caCertificates: the server certificate is not verified`, fix: 'Add caCertificates.' });
      }
      if (!Array.isArray(tp?.portLevelSettings)) continue;
      tp.portLevelSettings.forEach((p: any, i: number) => {
        if (!unverified(p?.tls)) return;
        const port = p.port?.number;
        ctx.report({
          resource: dr.resource,
          pointer: `/spec/trafficPolicy/portLevelSettings/${i}/tls/mode`,
          message: `TLS mode ${p.tls.mode} toward "${dr.host}"${port ? ` port ${port}` : ''} without caCertificates: the server certificate is not verified`,
          fix: 'Add caCertificates.',
          codes: { istio: 'IST0129' },
        });
      });
    }
  },
});
