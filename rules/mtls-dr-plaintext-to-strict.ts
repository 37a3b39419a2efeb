import { defineRule, type RuleContext } from '../src/engine/index.ts';
import { reachOf, security, type ClientTls, type PeerAuthInfo } from '../src/graph/security/index.ts';

const NOT_ISTIO = new Set(['DISABLE', 'SIMPLE', 'MUTUAL']);
const ENFORCING = new Set(['sidecar', 'ambient', 'vm']);
const SERVER = `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: payments, namespace: shop}
spec:
  selector: {matchLabels: {app: payments}}
  mtls: {mode: STRICT}
---
apiVersion: v1
kind: Service
metadata: {name: payments, namespace: shop}
spec:
  selector: {app: payments}
  ports: [{name: http, port: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: payments, namespace: shop}
spec:
  selector: {matchLabels: {app: payments}}
  template:
    metadata: {labels: {app: payments}}
    spec: {containers: [{name: payments, image: payments:1}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: payments, namespace: shop}
spec:
  host: payments
  trafficPolicy:
`;

const what = (c: ClientTls) => (c.mode === 'DISABLE' ? 'plaintext' : `${c.mode} TLS with its own certificates`);
const strict = (list: readonly PeerAuthInfo[]) => list.find((p) => p.mode === 'STRICT');

/** Kiali's namespace/mesh-level check (KIA0207/KIA0208): a namespace- or mesh-wide DISABLE against a STRICT default policy. */
function kialiConflict(ctx: RuleContext, c: ClientTls): { code: string; pa: PeerAuthInfo; scope: string } | undefined {
  const g = ctx.graph;
  const pas = g.facet(security).peerAuthentications;
  if (c.mode !== 'DISABLE' || c.port !== undefined || c.subset !== undefined) return undefined;
  const meshStrict = strict(pas.meshWide);
  if (c.dr.host === '*.local') return meshStrict && { code: 'KIA0208', pa: meshStrict, scope: 'the mesh' };
  const reach = reachOf(c.dr, g.mesh.domainSuffix);
  if (reach.kind !== 'namespace' || reach.namespace !== c.dr.namespace) return undefined;
  const own = pas.namespaceWide(c.dr.namespace);
  const nsStrict = strict(own);
  if (nsStrict) return { code: 'KIA0207', pa: nsStrict, scope: `namespace "${c.dr.namespace}"` };
  if (own.some((p) => p.mode === 'PERMISSIVE' || p.mode === 'DISABLE')) return undefined;
  return meshStrict && { code: 'KIA0208', pa: meshStrict, scope: `namespace "${c.dr.namespace}"` };
}

export const mtlsDrPlaintextToStrict = defineRule({
  id: 'mtls-dr-plaintext-to-strict',
  severity: 'error',
  category: 'security',
  kiali: 'KIA0207',
  docs: {
    summary: 'A DestinationRule sends plaintext (or non-Istio TLS) to workloads whose PeerAuthentication requires mutual TLS.',
    description:
      'A DestinationRule `tls.mode` replaces auto mTLS for its host: DISABLE sends plaintext, SIMPLE and MUTUAL send TLS ' +
      'with certificates that are not the mesh\'s. When the workloads behind the host are STRICT — mesh-wide, for their ' +
      'namespace, by a workload policy or on the port — their sidecars reset those connections: requests fail with 503 ' +
      '"upstream connect error … connection reset". Checked at every level: mesh-wide (`*.local`) and namespace-wide ' +
      'DestinationRules, host rules, port-level settings and subsets.',
    fix: 'Use `tls.mode: ISTIO_MUTUAL` (or drop the tls block so auto mTLS applies), or make the server port PERMISSIVE.',
    bad: SERVER + '    tls: {mode: DISABLE}\n',
    good: SERVER + '    tls: {mode: ISTIO_MUTUAL}\n',
    notes:
      'Kiali reports the namespace- and mesh-wide cases only (KIA0207 when the namespace PeerAuthentication is STRICT, ' +
      'KIA0208 when the mesh one is); those findings carry its code. Workload- and port-level PeerAuthentications and host ' +
      'DestinationRules are checked from the workloads behind each service port.',
  },
  check(ctx) {
    const g = ctx.graph;
    const sec = g.facet(security);
    for (const dr of g.routing.destinationRules) {
      for (const c of sec.clientTls(dr)) {
        if (!NOT_ISTIO.has(c.mode)) continue;
        const k = kialiConflict(ctx, c);
        if (k) {
          ctx.report({
            resource: dr.resource,
            pointer: c.pointer,
            message: `DestinationRule "${dr.namespace}/${dr.name}" sends plaintext to every service of ${k.scope}, but PeerAuthentication "${k.pa.namespace}/${k.pa.name}" is STRICT: those requests are reset`,
            related: [{ resource: k.pa.resource, pointer: k.pa.modePointer, message: `PeerAuthentication ${k.pa.namespace}/${k.pa.name} requires mutual TLS` }],
            codes: { kiali: k.code },
            fix: 'Set tls.mode: ISTIO_MUTUAL (or remove the tls block), or make the PeerAuthentication PERMISSIVE.',
          });
          continue;
        }
        for (const t of sec.tlsTargets(c)) {
          const b = t.backends.find((x) => x.status.state === 'in' && ENFORCING.has(x.status.mode) && x.mtls.mode === 'STRICT' && x.captured);
          if (!b) continue;
          const pa = b.mtls.policy!;
          ctx.report({
            resource: dr.resource,
            pointer: c.pointer,
            message: `DestinationRule "${dr.namespace}/${dr.name}" sends ${what(c)} to ${t.service.kind} "${t.service.namespace}/${t.service.name}" port ${t.port.port}, but ${b.workload.kind} "${b.workload.namespace}/${b.workload.name}" requires Istio mutual TLS there (PeerAuthentication "${pa.namespace}/${pa.name}" is STRICT): requests are reset`,
            related: [
              { resource: pa.resource, pointer: b.mtls.pointer, message: `PeerAuthentication ${pa.namespace}/${pa.name} sets STRICT` },
              { resource: t.service.resource, pointer: t.port.pointer, message: `${t.service.kind} ${t.service.namespace}/${t.service.name} port ${t.port.port}` },
            ],
            codes: { kiali: undefined },
            fix: `Set tls.mode: ISTIO_MUTUAL here (or remove the tls block so auto mTLS applies), or set port ${b.port ?? t.port.port} PERMISSIVE for ${b.workload.name}.`,
          });
          break;
        }
      }
    }
  },
});
