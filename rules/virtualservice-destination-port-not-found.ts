import { defineRule } from '../src/engine/index.ts';
import { resolveHost } from '../src/graph/index.ts';

export const virtualserviceDestinationPortNotFound = defineRule({
  id: 'virtualservice-destination-port-not-found',
  severity: 'error',
  category: 'correctness',
  istio: 'IST0101',
  istioAnalyzer: 'virtualservice.DestinationHostAnalyzer',
  docs: {
    summary: 'A VirtualService routes to a port its destination service does not expose.',
    description:
      'A destination `port.number` must be one of the service\'s ports (the Service `port`, not its `targetPort`). Istio builds ' +
      'no cluster for another port, so requests routed there fail with 503.',
    fix: 'Use one of the service\'s ports.',
    bad: `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: [web]
  http:
  - route:
    - destination: {host: web, port: {number: 8080}}
`,
    good: `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: [web]
  http:
  - route:
    - destination: {host: web, port: {number: 80}}
`,
  },
  check(ctx) {
    for (const vs of ctx.graph.routing.virtualServices) {
      for (const d of vs.destinations) {
        if (d.port === undefined || !d.host) continue;
        const services = resolveHost(ctx.graph, d.host, vs.namespace, vs.exportTo).targets;
        const svc = services[0];
        if (!svc || services.some((s) => s.ports.some((p) => p.port === d.port))) continue;
        const target = svc.ports.find((p) => p.targetPort === d.port);
        ctx.report({
          resource: vs.resource,
          pointer: `${d.pointer}/port/number`,
          message: `Port ${d.port} is not a port of ${svc.kind} "${svc.namespace}/${svc.name}" (${svc.ports.map((p) => p.port).join(', ') || 'no ports'})${target ? `; ${d.port} is the targetPort of port ${target.port}` : ''}, so requests routed here fail with 503`,
          related: [{ resource: svc.resource, pointer: '/spec/ports', message: `${svc.kind} ${svc.namespace}/${svc.name} ports` }],
          fix: target ? `Use port ${target.port}.` : 'Use one of the service\'s ports.',
        });
      }
    }
  },
});
