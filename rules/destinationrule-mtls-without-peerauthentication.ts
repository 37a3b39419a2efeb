import { defineRule } from '../src/engine/index.ts';
import { security, type PeerAuthInfo } from '../src/graph/security/index.ts';

const MESH = `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |
    enableAutoMtls: false
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: default, namespace: shop}
spec:
  host: "*.shop.svc.cluster.local"
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
`;
const enables = (list: readonly PeerAuthInfo[]) => list.some((p) => p.mode === 'STRICT' || p.mode === 'PERMISSIVE');

export const destinationruleMtlsWithoutPeerauthentication = defineRule({
  id: 'destinationrule-mtls-without-peerauthentication',
  severity: 'warning',
  category: 'security',
  kiali: 'KIA0206',
  docs: {
    summary: 'A mesh- or namespace-wide ISTIO_MUTUAL DestinationRule has no PeerAuthentication enabling mTLS on the server side (auto mTLS off).',
    description:
      'With auto mTLS off, mutual TLS is configured by hand on both sides: DestinationRules make clients send it, ' +
      'PeerAuthentications make servers require or accept it. A `*.local` or `*.<namespace>.svc.cluster.local` ISTIO_MUTUAL ' +
      'rule without a mesh or namespace PeerAuthentication (STRICT or PERMISSIVE) leaves the servers on the default: they ' +
      'still accept plaintext, so the intended mTLS is not enforced.',
    fix: 'Add a PeerAuthentication without selector (STRICT, or PERMISSIVE while migrating) to the namespace, or to the root namespace for `*.local`.',
    bad: MESH,
    good: `${MESH}---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: shop}
spec: {mtls: {mode: STRICT}}
`,
    notes: 'Kiali KIA0205 (mesh-wide rule) and KIA0206 (namespace-wide rule). Silent while auto mTLS is on (the default).',
  },
  check(ctx) {
    const g = ctx.graph;
    if (g.mesh.enableAutoMtls) return;
    const sec = g.facet(security);
    const pas = sec.peerAuthentications;
    const wide = sec.wideTls();
    const autoMtlsOff = sec.meshConfigAt('enableAutoMtls');
    const meshOn = enables(pas.meshWide);
    const cases = [
      ...wide.mesh.map((c) => ({ c, code: 'KIA0205', scope: 'every service of the mesh', missing: !meshOn })),
      ...[...wide.namespace].flatMap(([ns, list]) => list.map((c) => ({ c, code: 'KIA0206', scope: `every service of namespace "${ns}"`, missing: !meshOn && !enables(pas.namespaceWide(ns)) }))),
    ];
    for (const { c, code, scope, missing } of cases) {
      if (c.mode !== 'ISTIO_MUTUAL' || !missing) continue;
      ctx.report({
        resource: c.dr.resource,
        pointer: c.pointer,
        message: `DestinationRule "${c.dr.namespace}/${c.dr.name}" makes clients send mutual TLS to ${scope}, but with auto mTLS off no PeerAuthentication enables mTLS there: servers still accept plaintext`,
        related: autoMtlsOff ? [{ ...autoMtlsOff, message: 'MeshConfig turns auto mTLS off' }] : undefined,
        codes: { kiali: code },
        fix: code === 'KIA0205' ? `Add a PeerAuthentication without selector in namespace "${g.mesh.rootNamespace}".` : `Add a PeerAuthentication without selector in namespace "${c.dr.namespace}".`,
      });
    }
  },
});
