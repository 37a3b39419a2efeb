import { defineRule } from '../src/engine/index.ts';
import type { MeshService, ServicePort } from '../src/graph/index.ts';
import { security, type PortBackend, type StaticCaller } from '../src/graph/security/index.ts';

const ENFORCING = new Set(['sidecar', 'ambient', 'vm']);

const SERVER = `apiVersion: v1
kind: Namespace
metadata: {name: bookinfo, labels: {istio-injection: enabled}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: bookinfo}
spec: {mtls: {mode: STRICT}}
---
apiVersion: v1
kind: Service
metadata: {name: ratings, namespace: bookinfo}
spec:
  selector: {app: ratings}
  ports: [{name: http, port: 9080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ratings, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: ratings}}
  template:
    metadata: {labels: {app: ratings}}
    spec: {containers: [{name: ratings, image: ratings:1, ports: [{containerPort: 9080}]}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: export, namespace: batch}
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: export, image: export:1, args: [--source, "http://ratings.bookinfo:9080/ratings"]}]
`;

/** The service port a caller reaches: the one it names, else (no port written) every port. */
function portsCalled(svc: MeshService, c: StaticCaller): ServicePort[] {
  if (c.port === undefined) return [...svc.ports];
  return svc.ports.filter((p) => p.port === c.port || p.name === c.port);
}

function who(c: StaticCaller, reason: string): string {
  switch (c.kind) {
    case 'workload': return `${c.workload!.kind} "${c.workload!.namespace}/${c.workload!.name}" has no sidecar (${reason}) but calls "${c.text}"${c.via ? ` (from ConfigMap "${c.via.resource.name}")` : ''}`;
    case 'ingress': return `Ingress "${c.resource.namespace}/${c.resource.name}" is served by a controller outside the mesh (${c.through}) that calls backend "${c.text}"`;
    case 'gateway': return `${c.resource.kind} "${c.resource.namespace}/${c.resource.name}" makes ${c.through}, which runs outside the mesh, call backend "${c.text}"`;
    default: return `Service "${c.resource.namespace}/${c.resource.name}" (${c.text}) lets clients outside the cluster connect without a sidecar`;
  }
}

export const mtlsStrictNonMeshClient = defineRule({
  id: 'mtls-strict-non-mesh-client',
  severity: 'error',
  category: 'security',
  docs: {
    summary: 'A client without an Istio sidecar calls a workload whose PeerAuthentication requires mutual TLS.',
    description:
      'With `mtls.mode: STRICT` (mesh-wide, for the namespace, the workload or the port) the sidecar of the called workload ' +
      'accepts only Istio mutual TLS. A client without a sidecar sends plaintext, and its connections are reset ' +
      '("connection reset by peer", or 503 from an ingress controller). Callers are found in the manifests: workloads outside ' +
      'the mesh whose env, args, command or ConfigMaps name the service host (short name, name.namespace, FQDN, with or ' +
      'without scheme and port), Ingress backends of a non-Istio controller, routes of non-Istio Gateway API gateways, and ' +
      'NodePort/LoadBalancer Services that expose the workload outside the cluster.',
    fix: 'Inject the client (label its namespace istio-injection=enabled), or keep the port PERMISSIVE until every client has a sidecar.',
    bad: SERVER + `---
apiVersion: v1
kind: Namespace
metadata: {name: batch}
`,
    good: SERVER + `---
apiVersion: v1
kind: Namespace
metadata: {name: batch, labels: {istio-injection: enabled}}
`,
    notes:
      'Neither istioctl analyze (its mTLS conflict check was retired) nor Kiali (namespace-level badges only) reports this. A ' +
      'client whose namespace is not among the inputs is unknown and reported only under --closed-world. Gateway workloads ' +
      'are not checked as servers: PeerAuthentication does not govern their Gateway listeners.',
  },
  check(ctx) {
    const g = ctx.graph;
    const sec = g.facet(security);
    if (!sec.peerAuthentications.all.some((p) => p.mode === 'STRICT' || [...p.ports.values()].some((x) => x.mode === 'STRICT'))) return;
    for (const svc of g.services.all()) {
      if (svc.synthetic) continue;
      const callers = sec.callersOf(svc);
      if (!callers.length) continue;
      const strict = new Map<ServicePort, PortBackend>();
      for (const p of svc.ports) {
        const b = sec.backends(svc, p).find((x) => x.status.state === 'in' && ENFORCING.has(x.status.mode) && x.mtls.mode === 'STRICT' && x.captured);
        if (b) strict.set(p, b);
      }
      if (!strict.size) continue;
      for (const c of callers) {
        const status = c.workload ? sec.sidecar(c.workload) : undefined;
        if (status && (status.state === 'in' || (status.state === 'unknown' && !ctx.closedWorld))) continue;
        const port = portsCalled(svc, c).find((p) => strict.has(p));
        if (!port) continue;
        const b = strict.get(port)!;
        const pa = b.mtls.policy!;
        const portText = b.port !== undefined && b.port !== port.port ? `port ${port.port} (container port ${b.port})` : `port ${port.port}`;
        ctx.report({
          resource: c.resource,
          pointer: c.pointer,
          message: `${who(c, status?.reason ?? '')}: ${svc.kind} "${svc.namespace}/${svc.name}" ${portText} requires mutual TLS (PeerAuthentication "${pa.namespace}/${pa.name}" is STRICT), so these connections are reset`,
          related: [
            { resource: pa.resource, pointer: b.mtls.pointer, message: `PeerAuthentication ${pa.namespace}/${pa.name} sets STRICT for ${b.workload.kind} ${b.workload.namespace}/${b.workload.name}` },
            { resource: svc.resource, pointer: port.pointer, message: `${svc.kind} ${svc.namespace}/${svc.name} port ${port.port}` },
            ...(c.via ? [{ resource: c.via.resource, pointer: c.via.pointer, message: `ConfigMap ${c.via.resource.namespace}/${c.via.resource.name} names the host` }] : []),
          ],
          discriminator: `${svc.namespace}/${svc.name}`,
          fix: c.kind === 'workload'
            ? `Label namespace "${c.workload!.namespace}" istio-injection=enabled so the client gets a sidecar, or set portLevelMtls ${b.port ?? port.port}: {mode: PERMISSIVE} in a PeerAuthentication selecting ${b.workload.name}.`
            : `Route these clients through an Istio ingress gateway, or set portLevelMtls ${b.port ?? port.port}: {mode: PERMISSIVE} in a PeerAuthentication selecting ${b.workload.name}.`,
        });
      }
    }
  },
});
