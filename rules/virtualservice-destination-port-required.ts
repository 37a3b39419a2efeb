import { defineRule } from '../src/engine/index.ts';
import { resolveHost } from '../src/graph/index.ts';

export const virtualserviceDestinationPortRequired = defineRule({
  id: 'virtualservice-destination-port-required',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0112',
  istioAnalyzer: 'virtualservice.DestinationHostAnalyzer',
  docs: {
    summary: 'A VirtualService routes to a multi-port service without saying which port.',
    description:
      'When the destination service exposes several ports and the destination has no `port`, Envoy sends each request to the ' +
      'port it arrived on. That works for sidecar traffic on the same port, but a gateway listening on 80 or 443 then needs ' +
      'the service to expose that port too, and a TCP route on another port goes nowhere.',
    fix: 'Add `port: {number: …}` to the destination.',
    bad: `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 8080}, {name: grpc, port: 9090}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: [web]
  http:
  - route:
    - destination: {host: web}
`,
    good: `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 8080}, {name: grpc, port: 9090}]
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
    notes: 'istioctl analyze reports this as an error (IST0112); meshlint makes it a warning because sidecar traffic keeps its port and still works.',
  },
  check(ctx) {
    for (const vs of ctx.graph.routing.virtualServices) {
      for (const d of vs.destinations) {
        if (d.port !== undefined || !d.host) continue;
        const svc = resolveHost(ctx.graph, d.host, vs.namespace, vs.exportTo).targets[0];
        if (!svc || svc.ports.length < 2) continue;
        const ports = svc.ports.map((p) => p.port);
        ctx.report({
          resource: vs.resource,
          pointer: `${d.pointer}/host`,
          message: `${svc.kind} "${svc.namespace}/${svc.name}" exposes ports ${ports.join(', ')} and this destination names none, so requests keep the port they arrived on`,
          related: [{ resource: svc.resource, pointer: svc.kind === 'Service' ? '/spec/ports' : '/spec/ports', message: `${svc.kind} ${svc.namespace}/${svc.name} ports` }],
          fix: `Add port: {number: ${ports[0]}} (or the intended port) to the destination.`,
        });
      }
    }
  },
});
