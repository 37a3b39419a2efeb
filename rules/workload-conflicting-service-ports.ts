import { defineRule } from '../src/engine/index.ts';
import type { MeshGraph, MeshService, ServicePort, Workload } from '../src/graph/index.ts';

export const workloadConflictingServicePorts = defineRule({
  id: 'workload-conflicting-service-ports',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0116',
  istioAnalyzer: 'deployment.MultiServiceAnalyzer',
  docs: {
    summary: 'Services selecting one mesh workload disagree about a port.',
    description:
      'The sidecar builds one inbound listener per container port. When Services selecting the same pods use one port number ' +
      'with different protocols (TCP and UDP), or reach one targetPort through different service ports, the listener can only ' +
      'follow one of them and traffic through the other is mishandled.',
    fix: 'Use one protocol per port number, and one service port per targetPort, across the Services of the workload.',
    bad: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, sidecar.istio.io/inject: "true"}}
    spec: {containers: [{name: web, image: web:1, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: web-admin, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 8000, targetPort: 8080}]
`,
    good: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, sidecar.istio.io/inject: "true"}}
    spec: {containers: [{name: web, image: web:1, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: web-admin, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
`,
    notes:
      'Reports IST0116 (one port, several protocols) and IST0137 (one targetPort, several ports). As istioctl analyze, only ' +
      'workloads in the mesh are checked: an istio-proxy container, the sidecar.istio.io/inject label or annotation, else ' +
      'the namespace\'s istio-injection=enabled label. meshlint checks every pod-template kind, not only Deployments.',
  },
  check(ctx) {
    for (const w of ctx.graph.workloads.all()) {
      if (w.synthetic || !w.podSpec || w.labels['gateway.istio.io/managed'] === 'istio.io-mesh-controller' || !inMesh(ctx.graph, w)) continue;
      const services = ctx.graph.services.servicesOf(w).filter((s): s is MeshService => s.kind === 'Service' && !s.synthetic);
      if (services.length < 2 && services.every((s) => s.ports.length < 2)) continue;
      const byPort = new Map<number, { svc: MeshService; port: ServicePort; protocol: string }[]>();
      const byTarget = new Map<string, { svc: MeshService; port: ServicePort }[]>();
      for (const svc of services) {
        for (const port of svc.ports) {
          const protocol = port.protocol || 'TCP';
          byPort.set(port.port, [...(byPort.get(port.port) ?? []), { svc, port, protocol }]);
          const target = port.targetPort === undefined || port.targetPort === 0 ? String(port.port) : String(port.targetPort);
          byTarget.set(target, [...(byTarget.get(target) ?? []), { svc, port }]);
        }
      }
      const at = `${w.templatePointer}/metadata/labels`;
      for (const [num, uses] of byPort) {
        const protocols = [...new Set(uses.map((u) => u.protocol))];
        if (protocols.length < 2) continue;
        ctx.report({
          resource: w.resource,
          pointer: at,
          key: true,
          message: `Services ${names(uses)} use port ${num} with different protocols (${protocols.sort().join(', ')}) for this workload`,
          related: uses.map((u) => ({ resource: u.svc.resource, pointer: u.port.pointer, message: `${u.svc.namespace}/${u.svc.name} port ${num}/${u.protocol}` })),
          fix: 'Use one protocol per port number across the Services of this workload.',
          discriminator: `port-${num}`,
        });
      }
      for (const [target, uses] of byTarget) {
        const ports = [...new Set(uses.map((u) => u.port.port))];
        if (ports.length < 2) continue;
        ctx.report({
          resource: w.resource,
          pointer: at,
          key: true,
          message: `Services ${names(uses)} send targetPort ${target} through different ports (${ports.sort((a, b) => a - b).join(', ')}) to this workload`,
          related: uses.map((u) => ({ resource: u.svc.resource, pointer: u.port.pointer, message: `${u.svc.namespace}/${u.svc.name} port ${u.port.port} → ${target}` })),
          codes: { istio: 'IST0137' },
          fix: 'Expose each targetPort through one service port number in every Service.',
          discriminator: `target-${target}`,
        });
      }
    }
  },
});

function names(uses: readonly { svc: MeshService }[]): string {
  return [...new Set(uses.map((u) => `"${u.svc.namespace}/${u.svc.name}"`))].sort().join(', ');
}

/** istioctl analyze's "in the mesh": an istio-proxy image, else the inject label or annotation, else the namespace label. */
function inMesh(g: MeshGraph, w: Workload): boolean {
  if (w.containers.some((c) => c.name === 'istio-proxy' && c.image)) return true;
  const label = w.labels['sidecar.istio.io/inject'];
  if (label !== undefined) return label === 'true';
  const annotation = w.annotations['sidecar.istio.io/inject'];
  if (annotation !== undefined) return annotation === 'true';
  const ns = g.namespaces.get(w.namespace);
  return !!ns?.declared && ns.labels['istio-injection'] === 'enabled';
}
