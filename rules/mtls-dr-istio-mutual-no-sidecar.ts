import { defineRule } from '../src/engine/index.ts';
import { labelsMatch, type MeshService } from '../src/graph/index.ts';
import { clientTlsFor, security, type ClientTls, type PortBackend, type TlsTarget } from '../src/graph/security/index.ts';

const CASE = (injected: boolean) => `apiVersion: v1
kind: Namespace
metadata: {name: legacy${injected ? ', labels: {istio-injection: enabled}' : ''}}
---
apiVersion: v1
kind: Service
metadata: {name: billing, namespace: legacy}
spec:
  selector: {app: billing}
  ports: [{name: http, port: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: billing, namespace: legacy}
spec:
  selector: {matchLabels: {app: billing}}
  template:
    metadata: {labels: {app: billing}}
    spec: {containers: [{name: billing, image: billing:1}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: billing, namespace: shop}
spec:
  host: billing.legacy.svc.cluster.local
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
`;

export const mtlsDrIstioMutualNoSidecar = defineRule({
  id: 'mtls-dr-istio-mutual-no-sidecar',
  severity: 'error',
  category: 'security',
  docs: {
    summary: 'A DestinationRule sends Istio mutual TLS to workloads that have no sidecar, or whose PeerAuthentication disables mTLS.',
    description:
      '`tls.mode: ISTIO_MUTUAL` makes client sidecars wrap every connection in Istio mutual TLS, whatever the server ' +
      'runs. Auto mTLS would send plaintext to a workload without a sidecar; this setting does not, so the application ' +
      'receives TLS bytes it cannot read and requests fail (connection reset, or 503 "upstream connect error"). A mesh-wide ' +
      '`*.local` ISTIO_MUTUAL rule does this to every workload outside the mesh. A sidecar whose PeerAuthentication is ' +
      'DISABLE does not terminate mutual TLS either (the conflict istioctl analyze\'s retired MTLSPolicyConflict check ' +
      'reported).',
    fix: 'Remove the tls block (auto mTLS picks plaintext for workloads without a sidecar or with mTLS disabled), or inject the server workloads.',
    bad: CASE(false),
    good: CASE(true),
    notes: 'Workloads whose namespace is not among the inputs are unknown and reported only under --closed-world.',
  },
  check(ctx) {
    const g = ctx.graph;
    const sec = g.facet(security);
    // A sidecar with PeerAuthentication DISABLE does not terminate mTLS either: its application gets the TLS bytes.
    const disabled = (b: PortBackend) => b.status.state === 'in' && b.status.mode === 'sidecar' && b.mtls.mode === 'DISABLE' && b.captured;
    const outside = (b: PortBackend) => disabled(b) || (b.status.mode !== 'control-plane' && (b.status.state === 'out' || (b.status.state === 'unknown' && ctx.closedWorld)));
    // From the services that have such a backend (few) to the DestinationRules governing them.
    const hits = new Map<ClientTls, { t: TlsTarget; b: PortBackend }[]>();
    const anyDisable = sec.peerAuthentications.all.some((p) => p.mode === 'DISABLE' || [...p.ports.values()].some((x) => x.mode === 'DISABLE'));
    const candidates = new Set<MeshService>();
    for (const w of g.workloads.all()) {
      const s = sec.sidecar(w);
      if (anyDisable || s.state === 'out' || (s.state === 'unknown' && ctx.closedWorld)) for (const svc of g.services.servicesOf(w)) candidates.add(svc);
    }
    if (!candidates.size) return;
    for (const svc of g.services.all()) {
      if (svc.synthetic || !candidates.has(svc)) continue;
      for (const port of svc.ports) {
        const backends = sec.backends(svc, port);
        if (!backends.some(outside)) continue;
        // One merged list of settings per set of clients (istiod picks the rules of one namespace per client).
        for (const settings of sec.clientTlsTo(svc)) {
          for (const c of settings) {
            if (c.mode !== 'ISTIO_MUTUAL' || (c.port !== undefined ? c.port !== port.port : clientTlsFor(settings, port.port, c.subset) !== c)) continue;
            const subset = c.subset !== undefined ? c.dr.subsets.find((x) => x.name === c.subset) : undefined;
            const b = backends.find((x) => outside(x) && (!subset || labelsMatch(subset.labels, x.workload.labels)));
            if (b) hits.set(c, [...(hits.get(c) ?? []), { t: { service: svc, port, backends }, b }]);
          }
        }
      }
    }
    for (const [c, list] of hits) {
      const { dr } = c;
      const { t, b } = list[0];
      const more = new Set(list.map((h) => h.t.service)).size - 1;
      ctx.report({
        resource: dr.resource,
        pointer: c.pointer,
        message: `DestinationRule "${dr.namespace}/${dr.name}" sends Istio mutual TLS to ${t.service.kind} "${t.service.namespace}/${t.service.name}" port ${t.port.port}${more ? ` (and ${more} more service${more > 1 ? 's' : ''})` : ''}, but ${b.workload.kind} "${b.workload.namespace}/${b.workload.name}" ${disabled(b) ? `has mTLS disabled (PeerAuthentication "${b.mtls.policy!.namespace}/${b.mtls.policy!.name}" is DISABLE)` : `has no sidecar (${b.status.reason})`}: it cannot read the TLS, so requests fail`,
        related: disabled(b) ? [{ resource: b.mtls.policy!.resource, pointer: b.mtls.pointer, message: `PeerAuthentication ${b.mtls.policy!.namespace}/${b.mtls.policy!.name} sets DISABLE` }] : [
          { resource: b.workload.resource, pointer: b.status.evidence?.resource === b.workload.resource ? b.status.evidence.pointer : undefined, message: `${b.workload.kind} ${b.workload.namespace}/${b.workload.name} runs without a sidecar` },
          ...(b.status.evidence && b.status.evidence.resource !== b.workload.resource ? [{ ...b.status.evidence, message: b.status.reason }] : []),
        ],
        fix: disabled(b) ? 'Remove the tls block so auto mTLS follows the server, or make the server PeerAuthentication PERMISSIVE.' : 'Remove the tls block so auto mTLS sends plaintext to workloads without a sidecar, or inject the server workloads.',
      });
    }
  },
});
