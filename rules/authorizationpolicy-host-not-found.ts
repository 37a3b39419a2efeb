import { defineRule } from '../src/engine/index.ts';
import { coveringWildcards, fqdn } from '../src/graph/index.ts';
import { security, unmatchedEffect } from '../src/graph/security/index.ts';

const CASE = (host: string) => `apiVersion: v1
kind: Service
metadata: {name: ratings, namespace: bookinfo}
spec:
  selector: {app: ratings}
  ports: [{name: http, port: 9080}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ratings, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: ratings}}
  rules: [{to: [{operation: {hosts: [${host}], methods: [GET]}}]}]
`;

export const authorizationpolicyHostNotFound = defineRule({
  id: 'authorizationpolicy-host-not-found',
  severity: 'warning',
  category: 'security',
  kiali: 'KIA0104',
  docs: {
    summary: 'An AuthorizationPolicy operation host looks like a service name but no Service, ServiceEntry or VirtualService declares it.',
    description:
      '`to.operation.hosts` matches the request\'s Host header. Inside the mesh that is the name clients use for the ' +
      'service, so a service-like host (`name` or `name.namespace`) that the registry does not know — usually a typo — ' +
      'never matches: an ALLOW rule then denies those requests (403 RBAC: access denied), a DENY rule lets them through.',
    fix: 'Use the host clients call (the Service name, `name.namespace`, or a VirtualService/ServiceEntry host).',
    bad: CASE('ratting'),
    good: CASE('ratings'),
    notes:
      'As Kiali: hosts with a wildcard, two or more dots, a port, or a second label that is not a namespace are taken as ' +
      'external Host headers and not checked. Without Services or ServiceEntries among the inputs the registry is unknown ' +
      '(reported only under --closed-world).',
  },
  check(ctx) {
    const g = ctx.graph;
    if (!g.services.loaded && !ctx.closedWorld) return;
    const domain = g.mesh.domainSuffix;
    let vsHosts: Set<string> | undefined;
    const vsHost = (host: string) => {
      if (!vsHosts) {
        vsHosts = new Set();
        for (const vs of g.routing.virtualServices) for (const h of vs.hosts) vsHosts.add(h.split('.').length === 2 ? `${h}.svc.${domain}` : fqdn(h, vs.namespace, domain));
      }
      return vsHosts.has(host) || coveringWildcards(host).some((w) => vsHosts!.has(w));
    };
    for (const ap of g.facet(security).authorizationPolicies.all) {
      for (const rule of ap.rules) {
        for (const op of rule.to) {
          for (const v of op.field('hosts')?.values ?? []) {
            const h = v.value.toLowerCase();
            const parts = h.split('.');
            if (h.includes('*') || h.includes(':') || parts.length > 2) continue;
            if (parts.length === 2 && parts[1] !== ap.namespace && !g.namespaces.has(parts[1])) continue;
            const host = parts.length === 2 ? `${h}.svc.${domain}` : fqdn(h, ap.namespace, domain);
            if (g.services.registry.lookup(host, ap.namespace, undefined, domain).length) continue;
            if (vsHost(host)) continue;
            ctx.report({
              resource: ap.resource,
              pointer: v.pointer,
              message: `Host "${v.value}" matches no Service, ServiceEntry or VirtualService host, so this operation never matches: ${unmatchedEffect(ap.action)}`,
              fix: 'Use the host name clients call.',
            });
          }
        }
      }
    }
  },
});
