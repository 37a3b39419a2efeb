import { defineRule } from '../src/engine/index.ts';
import { security, type ClientTls } from '../src/graph/security/index.ts';

const MUTUAL = new Set(['ISTIO_MUTUAL', 'MUTUAL']);
const CASE = (mode: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: default, namespace: istio-system}
spec:
  host: "*.local"
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: legacy}
spec:
  mtls: {mode: ${mode}}
`;

export const peerauthenticationDisableWithMutualDestinationrule = defineRule({
  id: 'peerauthentication-disable-with-mutual-destinationrule',
  severity: 'error',
  category: 'security',
  kiali: 'KIA0505',
  docs: {
    summary: 'A namespace- or mesh-wide PeerAuthentication disables mTLS while a namespace- or mesh-wide DestinationRule still sends mutual TLS.',
    description:
      'With `mtls.mode: DISABLE` the sidecars of the namespace (or of the mesh, from the root namespace) accept only ' +
      'plaintext and hand any TLS bytes to the application unchanged. A `*.<namespace>.svc.cluster.local` or `*.local` ' +
      'DestinationRule with `tls.mode: ISTIO_MUTUAL` (or MUTUAL) still makes every client wrap its requests to those ' +
      'workloads in TLS, so the applications receive bytes they cannot read and requests fail (connection reset, 503).',
    fix: 'Add a namespace-wide DestinationRule with `tls.mode: DISABLE` for the namespace, or make the PeerAuthentication PERMISSIVE.',
    bad: CASE('DISABLE'),
    good: CASE('PERMISSIVE'),
    notes:
      'Kiali KIA0505 (namespace policy) and KIA0506 (root-namespace policy). Only selector-less policies and the top-level ' +
      'TLS of `*.local` and `*.<namespace>.svc.cluster.local` rules count, as in Kiali; a namespace-wide DISABLE rule for ' +
      'the namespace settles it. The workloads and host rules behind each service are checked from the DestinationRule ' +
      'side by mtls-dr-istio-mutual-no-sidecar.',
  },
  check(ctx) {
    const sec = ctx.graph.facet(security);
    const all = sec.peerAuthentications.all;
    if (!all.some((p) => p.scope !== 'workload' && p.mode === 'DISABLE')) return;
    const wide = sec.wideTls();
    const mutual = (list: readonly ClientTls[] | undefined) => list?.find((c) => MUTUAL.has(c.mode));
    for (const pa of all) {
      if (pa.scope === 'workload' || pa.mode !== 'DISABLE') continue;
      const mesh = pa.scope === 'mesh';
      const own = mesh ? undefined : wide.namespace.get(pa.namespace);
      const c = mutual(own) ?? (own?.some((x) => x.mode === 'DISABLE') ? undefined : mutual(wide.mesh));
      if (!c) continue;
      const scope = mesh ? 'the mesh' : `namespace "${pa.namespace}"`;
      ctx.report({
        resource: pa.resource,
        pointer: pa.modePointer,
        message: `PeerAuthentication "${pa.namespace}/${pa.name}" disables mTLS in ${scope}, but DestinationRule "${c.dr.namespace}/${c.dr.name}" (host "${c.dr.host}") makes clients send ${c.mode} there: the workloads receive TLS they cannot read and requests fail`,
        related: [{ resource: c.dr.resource, pointer: c.pointer, message: `DestinationRule ${c.dr.namespace}/${c.dr.name} sets ${c.mode}` }],
        codes: { kiali: mesh ? 'KIA0506' : 'KIA0505' },
        fix: mesh ? 'Set the "*.local" DestinationRule to tls.mode: DISABLE, or make this PeerAuthentication PERMISSIVE.' : `Add a "*.${pa.namespace}.svc.${ctx.graph.mesh.domainSuffix}" DestinationRule with tls.mode: DISABLE, or make this PeerAuthentication PERMISSIVE.`,
      });
    }
  },
});
