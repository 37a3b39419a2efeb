import { defineRule } from '../src/engine/index.ts';
import { GATEWAY_API, hostnamesIntersect, listenerRejects, namedListeners } from '../src/graph/index.ts';

export const gatewayApiHostnameNotAccepted = defineRule({
  id: 'gateway-api-hostname-not-accepted',
  severity: 'error',
  category: 'correctness',
  docs: {
    summary: 'No listener of a route\'s Gateway accepts any of the route\'s hostnames.',
    description:
      'A route with `hostnames` attaches only to listeners whose `hostname` intersects one of them (a listener without ' +
      'hostname accepts all). When none does, the route is not accepted (NoMatchingListenerHostname) and serves nothing.',
    fix: 'Use a hostname the listener accepts, or add a listener for it.',
    bad: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: web}
spec:
  gatewayClassName: istio
  listeners: [{name: https, port: 443, protocol: HTTPS, hostname: "*.example.com", tls: {certificateRefs: [{name: wildcard}]}}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: web}
spec:
  parentRefs: [{name: public}]
  hostnames: [shop.example.org]
  rules: [{backendRefs: [{name: shop, port: 80}]}]
`,
    good: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: web}
spec:
  gatewayClassName: istio
  listeners: [{name: https, port: 443, protocol: HTTPS, hostname: "*.example.com", tls: {certificateRefs: [{name: wildcard}]}}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: web}
spec:
  parentRefs: [{name: public}]
  hostnames: [shop.example.com]
  rules: [{backendRefs: [{name: shop, port: 80}]}]
`,
  },
  check(ctx) {
    const g = ctx.graph;
    for (const route of g.gatewayApi.routes) {
      if (!route.hostnames.length) continue;
      for (const p of route.parents) {
        if (p.kind !== 'Gateway' || p.group !== GATEWAY_API) continue;
        const gw = g.gateways.kubeGateway(p.namespace, p.name);
        if (!gw) continue;
        const listeners = namedListeners(gw, p).filter((l) => listenerRejects(g, l, gw, route) === undefined);
        if (!listeners.length || listeners.some((l) => route.hostnames.some((h) => hostnamesIntersect(h, l.hostname)))) continue;
        ctx.report({
          resource: route.resource,
          pointer: '/spec/hostnames',
          key: true,
          message: `No listener of Gateway "${gw.namespace}/${gw.name}" accepts ${route.hostnames.map((h) => `"${h}"`).join(', ')} (listeners: ${listeners.map((l) => `"${l.hostname}"`).join(', ')}), so this route serves nothing there`,
          related: [{ resource: gw.resource, pointer: '/spec/listeners', message: `Gateway ${gw.namespace}/${gw.name}` }],
          fix: 'Use a hostname a listener accepts, or add a listener for it.',
          discriminator: p.pointer,
        });
      }
    }
  },
});
