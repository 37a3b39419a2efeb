import { defineRule } from '../src/engine/index.ts';
import { security, type ClientTls } from '../src/graph/security/index.ts';

const MESH = `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |
    enableAutoMtls: false
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: shop}
spec: {mtls: {mode: STRICT}}
`;
const mutual = (list: readonly ClientTls[] | undefined) => !!list?.some((c) => c.mode === 'ISTIO_MUTUAL');

export const peerauthenticationStrictWithoutDestinationrule = defineRule({
  id: 'peerauthentication-strict-without-destinationrule',
  severity: 'error',
  category: 'security',
  kiali: 'KIA0501',
  docs: {
    summary: 'A namespace- or mesh-wide STRICT PeerAuthentication has no ISTIO_MUTUAL DestinationRule while auto mTLS is off.',
    description:
      'With auto mTLS off, client sidecars send mutual TLS only where a DestinationRule says `ISTIO_MUTUAL`. A STRICT ' +
      'PeerAuthentication without such a rule (namespace-wide `*.<namespace>.svc.cluster.local` or mesh-wide `*.local`) ' +
      'makes the servers reject the plaintext every client sends: all requests to the namespace are reset.',
    fix: 'Add a DestinationRule for `*.<namespace>.svc.cluster.local` (or `*.local` in the root namespace) with `tls.mode: ISTIO_MUTUAL`, or turn auto mTLS back on.',
    bad: MESH,
    good: `${MESH}---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: default, namespace: shop}
spec:
  host: "*.shop.svc.cluster.local"
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
`,
    notes: 'Kiali KIA0401 (root-namespace policy) and KIA0501 (namespace policy). Silent while auto mTLS is on (the default), and when every service of the namespace has its own ISTIO_MUTUAL DestinationRule.',
  },
  check(ctx) {
    const g = ctx.graph;
    if (g.mesh.enableAutoMtls) return;
    const sec = g.facet(security);
    const wide = sec.wideTls();
    const autoMtlsOff = sec.meshConfigAt('enableAutoMtls');
    const meshMutual = mutual(wide.mesh);
    for (const pa of sec.peerAuthentications.all) {
      if (pa.scope === 'workload' || pa.mode !== 'STRICT') continue;
      const mesh = pa.scope === 'mesh';
      if (meshMutual || (!mesh && mutual(wide.namespace.get(pa.namespace)))) continue;
      const services = mesh ? [] : g.services.inNamespace(pa.namespace).filter((s) => !s.synthetic);
      if (services.length && services.every((s) => sec.clientTlsTo(s).some((list) => list.some((c) => c.subset === undefined && c.port === undefined && c.mode === 'ISTIO_MUTUAL')))) continue;
      const scope = mesh ? 'the mesh' : `namespace "${pa.namespace}"`;
      ctx.report({
        resource: pa.resource,
        pointer: pa.modePointer,
        message: `PeerAuthentication "${pa.namespace}/${pa.name}" requires mutual TLS in ${scope}, but auto mTLS is off and no DestinationRule makes clients send ISTIO_MUTUAL there: every request is reset`,
        related: autoMtlsOff ? [{ ...autoMtlsOff, message: 'MeshConfig turns auto mTLS off' }] : undefined,
        codes: { kiali: mesh ? 'KIA0401' : 'KIA0501' },
        fix: mesh ? 'Add a "*.local" DestinationRule with tls.mode: ISTIO_MUTUAL.' : `Add a "*.${pa.namespace}.svc.${g.mesh.domainSuffix}" DestinationRule with tls.mode: ISTIO_MUTUAL.`,
      });
    }
  },
});
