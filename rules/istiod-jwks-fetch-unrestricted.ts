import { defineRule } from '../src/engine/index.ts';

const ENV = 'BLOCKED_CIDRS_IN_JWKS_URIS';
const CASE = (env: string) => `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: shop}
spec:
  jwtRules: [{issuer: "https://issuer.example.com", jwksUri: "https://issuer.example.com/jwks.json"}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: istiod, namespace: istio-system, labels: {app: istiod}}
spec:
  selector: {matchLabels: {app: istiod}}
  template:
    metadata: {labels: {app: istiod}}
    spec:
      containers:
      - name: discovery
        image: docker.io/istio/pilot:1.24.2
        env: [{name: PILOT_ENABLE_ANALYSIS, value: "true"}${env}]
`;

export const istiodJwksFetchUnrestricted = defineRule({
  id: 'istiod-jwks-fetch-unrestricted',
  severity: 'warning',
  category: 'security',
  istio: 'IST0175',
  istioAnalyzer: 'authn.BlockedCIDRsAnalyzer',
  docs: {
    summary: 'RequestAuthentications exist but istiod does not restrict where it fetches JWKS from.',
    description:
      'istiod downloads the `jwksUri` of every RequestAuthentication. Whoever can create one can make istiod fetch any URL, ' +
      'including cluster-internal and cloud metadata addresses (server-side request forgery). `BLOCKED_CIDRS_IN_JWKS_URIS` ' +
      'on istiod lists the networks it must not fetch from.',
    fix: 'Set the env var BLOCKED_CIDRS_IN_JWKS_URIS on istiod (e.g. "10.0.0.0/8,169.254.169.254/32").',
    bad: CASE(''),
    good: CASE(`, {name: ${ENV}, value: "10.0.0.0/8,169.254.169.254/32"}`),
    notes: 'As istioctl analyze: every Deployment labelled app=istiod is checked; a value from valueFrom does not count.',
  },
  check(ctx) {
    const g = ctx.graph;
    const ras = g.resources.ofKind('RequestAuthentication', 'security.istio.io');
    if (!ras.length) return;
    const names = ras.slice(0, 5).map((r) => `${r.namespace}/${r.name}`).join(', ') + (ras.length > 5 ? `, and ${ras.length - 5} more` : '');
    for (const r of g.resources.ofKind('Deployment', 'apps')) {
      if (r.labels.app !== 'istiod') continue;
      const w = g.workloads.of(r);
      if (!w || w.containers.some((c) => !c.init && c.strings.some((s) => s.env === ENV && s.value !== ''))) continue;
      const main = w.containers.find((c) => !c.init);
      ctx.report({
        resource: r,
        pointer: main ? main.pointer : '/spec/template/spec',
        message: `istiod does not set ${ENV}, yet ${ras.length} RequestAuthentication${ras.length > 1 ? 's' : ''} (${names}) make${ras.length > 1 ? '' : 's'} it fetch JWKS from any URL, including internal addresses`,
        related: ras.slice(0, 3).map((ra) => ({ resource: ra, pointer: '/spec/jwtRules', message: `RequestAuthentication ${ra.namespace}/${ra.name}` })),
        fix: `Add env ${ENV} with the CIDRs istiod must not fetch from.`,
      });
    }
  },
});
