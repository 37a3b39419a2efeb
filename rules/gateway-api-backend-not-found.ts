import { defineRule } from '../src/engine/index.ts';
import { refState } from '../src/graph/index.ts';

export const gatewayApiBackendNotFound = defineRule({
  id: 'gateway-api-backend-not-found',
  severity: 'error',
  category: 'correctness',
  kiali: 'KIA1402',
  docs: {
    summary: 'A Gateway API route sends traffic to a Service or port that does not exist.',
    description:
      'Each `backendRefs` entry (kind Service unless written otherwise) must name a Service in the route\'s namespace (or the ' +
      'given `namespace`) by its plain name, with one of its `port`s (required for Services). Requests routed to a missing ' +
      'backend fail with 500.',
    fix: 'Use the Service\'s name (not its DNS name) and one of its ports.',
    bad: `apiVersion: v1
kind: Service
metadata: {name: shop, namespace: web}
spec:
  selector: {app: shop}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: web}
spec:
  rules: [{backendRefs: [{name: shop, port: 8080}]}]
`,
    good: `apiVersion: v1
kind: Service
metadata: {name: shop, namespace: web}
spec:
  selector: {app: shop}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: web}
spec:
  rules: [{backendRefs: [{name: shop, port: 80}]}]
`,
  },
  check(ctx) {
    const g = ctx.graph;
    for (const route of g.gatewayApi.routes) {
      for (const rule of route.rules) {
        for (const b of rule.backends) {
          if (b.kind !== 'Service' || b.group !== '') continue;
          if (b.name.includes('.')) {
            ctx.report({ resource: route.resource, pointer: `${b.pointer}/name`, message: `Backend "${b.name}" is a DNS name; backendRefs name a Service by its plain name (and namespace)`, fix: `Write name: ${b.name.split('.')[0]} (and namespace if it is elsewhere).` });
            continue;
          }
          const svc = g.services.registry.service(b.namespace, b.name);
          if (!svc || svc.synthetic) {
            const state = refState(false, g.services.servicesLoaded, g.namespaces.has(b.namespace));
            if (state === 'missing' || ctx.closedWorld) ctx.report({ resource: route.resource, pointer: `${b.pointer}/name`, message: `Service "${b.namespace}/${b.name}" does not exist, so requests routed to it fail with 500`, fix: 'Name an existing Service.' });
            continue;
          }
          if (b.port === undefined) {
            ctx.report({ resource: route.resource, pointer: b.pointer, message: `Backend Service "${b.namespace}/${b.name}" has no port; a Service backendRef requires one`, fix: `Add port: ${svc.ports[0]?.port ?? 80}.`, discriminator: 'port' });
          } else if (svc.ports.length && !svc.ports.some((p) => p.port === b.port)) {
            ctx.report({
              resource: route.resource,
              pointer: `${b.pointer}/port`,
              message: `Port ${b.port} is not a port of Service "${b.namespace}/${b.name}" (${svc.ports.map((p) => p.port).join(', ')}), so requests routed to it fail`,
              related: [{ resource: svc.resource, pointer: '/spec/ports', message: `Service ${b.namespace}/${b.name} ports` }],
              fix: 'Use one of the Service ports (not the targetPort).',
            });
          }
        }
      }
    }
  },
});
