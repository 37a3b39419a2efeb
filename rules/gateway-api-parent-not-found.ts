import { defineRule } from '../src/engine/index.ts';
import { GATEWAY_API, listenerRejects, namedListeners, refState } from '../src/graph/index.ts';

export const gatewayApiParentNotFound = defineRule({
  id: 'gateway-api-parent-not-found',
  severity: 'error',
  category: 'correctness',
  kiali: 'KIA1401',
  docs: {
    summary: 'A Gateway API route attaches to a Gateway or listener that does not exist or does not accept it.',
    description:
      'A route\'s `parentRefs` name the Gateway (and optionally the listener, by `sectionName` or `port`) it attaches to. ' +
      'The Gateway must exist, and one of the named listeners must accept the route: its protocol must carry the route kind ' +
      '(HTTPRoute on HTTP/HTTPS, TLSRoute on TLS…) and its `allowedRoutes.namespaces` must admit the route\'s namespace ' +
      '(`Same` by default). Otherwise the route is not accepted and serves nothing.',
    fix: 'Correct the parentRef, or allow the route\'s namespace on the listener (`allowedRoutes.namespaces.from: All` or a Selector).',
    bad: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: web}
spec:
  parentRefs: [{name: public, namespace: infra}]
  rules: [{backendRefs: [{name: shop, port: 80}]}]
`,
    good: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: web}
spec:
  parentRefs: [{name: public, namespace: infra}]
  rules: [{backendRefs: [{name: shop, port: 80}]}]
`,
    notes: 'Kiali checks HTTPRoute and GRPCRoute; meshlint checks every route kind. A parentRef of kind Service (mesh attachment) must name an existing Service.',
  },
  check(ctx) {
    const g = ctx.graph;
    for (const route of g.gatewayApi.routes) {
      for (const p of route.parents) {
        if (p.kind === 'Service' && p.group === '') {
          const svc = g.services.registry.service(p.namespace, p.name);
          const state = refState(!!svc && !svc.synthetic, g.services.servicesLoaded, g.namespaces.has(p.namespace));
          if (state === 'missing' || (state === 'unknown' && ctx.closedWorld)) ctx.report({ resource: route.resource, pointer: `${p.pointer}/name`, message: `Service "${p.namespace}/${p.name}" does not exist, so this route attaches to nothing`, fix: 'Name an existing Service.' });
          continue;
        }
        if (p.kind !== 'Gateway' || p.group !== GATEWAY_API) continue;
        const gw = g.gateways.kubeGateway(p.namespace, p.name);
        if (!gw) {
          const state = refState(false, g.gateways.kubeLoaded, g.namespaces.has(p.namespace));
          if (state === 'missing' || ctx.closedWorld) ctx.report({ resource: route.resource, pointer: `${p.pointer}/name`, message: `Gateway "${p.namespace}/${p.name}" does not exist, so this route is not attached and serves nothing`, fix: 'Name an existing Gateway (and its namespace).' });
          continue;
        }
        const named = namedListeners(gw, p);
        const why = named.length ? named.map((l) => listenerRejects(g, l, gw, route)) : [`no listener ${p.sectionName !== undefined ? `named "${p.sectionName}"` : `on port ${p.port}`}`];
        if (named.length && why.some((w) => w === undefined)) continue;
        ctx.report({
          resource: route.resource,
          pointer: p.sectionName !== undefined && !named.length ? `${p.pointer}/sectionName` : p.port !== undefined && !named.length ? `${p.pointer}/port` : `${p.pointer}/name`,
          message: `Gateway "${gw.namespace}/${gw.name}" does not accept this ${route.kind}: ${why.join('; ')}`,
          related: [{ resource: gw.resource, pointer: '/spec/listeners', message: `Gateway ${gw.namespace}/${gw.name}` }],
          fix: 'Point the parentRef at a listener that allows this route kind and namespace.',
          discriminator: p.pointer,
        });
      }
    }
  },
});
