import { defineRule } from '../src/engine/index.ts';
import { security } from '../src/graph/security/index.ts';

const CASE = (provider: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |
    extensionProviders:
    - name: opa
      envoyExtAuthzGrpc: {service: opa.opa.svc.cluster.local, port: 9191}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ext-authz, namespace: shop}
spec:
  selector: {matchLabels: {app: checkout}}
  action: CUSTOM
  provider: {name: ${provider}}
  rules: [{to: [{operation: {paths: ["/admin/*"]}}]}]
`;
const EXT_AUTHZ = ['envoyExtAuthzHttp', 'envoyExtAuthzGrpc'];

export const authorizationpolicyCustomProviderNotFound = defineRule({
  id: 'authorizationpolicy-custom-provider-not-found',
  severity: 'error',
  category: 'security',
  docs: {
    summary: 'A CUSTOM AuthorizationPolicy names a provider that MeshConfig extensionProviders does not define as an external authorizer.',
    description:
      'A CUSTOM policy delegates the decision to an external authorizer declared in MeshConfig `extensionProviders` ' +
      '(`envoyExtAuthzHttp` or `envoyExtAuthzGrpc`). When the name is not there, istiod cannot build the ext_authz filter ' +
      'and denies the requests the policy covers instead (403 RBAC: access denied).',
    fix: 'Declare the provider under MeshConfig extensionProviders, or correct provider.name.',
    bad: CASE('opa-authz'),
    good: CASE('opa'),
    notes: 'Without a MeshConfig among the inputs (or --mesh-config) only Istio\'s default providers are known, and findings are reported only under --closed-world.',
  },
  check(ctx) {
    const g = ctx.graph;
    if (g.mesh.source.kind === 'defaults' && !ctx.closedWorld) return;
    const providers = Array.isArray(g.mesh.raw.extensionProviders) ? g.mesh.raw.extensionProviders : [];
    const mesh = g.facet(security).meshConfigAt('extensionProviders');
    const authorizers = providers.filter((p: any) => EXT_AUTHZ.some((k) => p?.[k] !== undefined)).map((p: any) => String(p.name));
    for (const ap of g.facet(security).authorizationPolicies.all) {
      if (ap.action !== 'CUSTOM' || ap.provider === undefined || authorizers.includes(ap.provider)) continue;
      const other = providers.find((p: any) => p?.name === ap.provider);
      ctx.report({
        resource: ap.resource,
        pointer: '/spec/provider/name',
        message: other
          ? `Provider "${ap.provider}" is not an external authorizer (no envoyExtAuthzHttp/envoyExtAuthzGrpc), so the requests this CUSTOM policy covers are denied (403 RBAC: access denied)`
          : `Provider "${ap.provider}" is not among MeshConfig extensionProviders${authorizers.length ? ` (${authorizers.join(', ')})` : ''}, so the requests this CUSTOM policy covers are denied (403 RBAC: access denied)`,
        related: mesh ? [{ ...mesh, message: 'MeshConfig extensionProviders' }] : undefined,
        fix: authorizers.length ? `Use one of ${authorizers.join(', ')}, or add "${ap.provider}" to extensionProviders.` : `Add "${ap.provider}" to MeshConfig extensionProviders.`,
      });
    }
  },
});
