import { defineRule } from '../src/engine/index.ts';
import { coveringWildcards } from '../src/graph/index.ts';
import { security, type ClientTls } from '../src/graph/security/index.ts';

const MESH_DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: default, namespace: istio-system}
spec:
  host: "*.local"
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  trafficPolicy:
`;

export const destinationruleMtlsOverridden = defineRule({
  id: 'destinationrule-mtls-overridden',
  severity: 'warning',
  category: 'security',
  kiali: 'KIA0204',
  docs: {
    summary: 'A DestinationRule without TLS settings overrides a mesh- or namespace-wide ISTIO_MUTUAL DestinationRule for its host.',
    description:
      'istiod applies one DestinationRule per host: the most specific. A host rule that sets no `tls` therefore drops the ' +
      '`ISTIO_MUTUAL` of the `*.local` or `*.<namespace>.svc.cluster.local` rule for that host. With auto mTLS on, sidecars ' +
      'still send mTLS to sidecars, but not what the wide rule enforces; with auto mTLS off, requests to the host are sent ' +
      'in plaintext (and reset by STRICT servers).',
    fix: 'Add `tls: {mode: ISTIO_MUTUAL}` to the host rule\'s trafficPolicy.',
    bad: MESH_DR + '    connectionPool: {tcp: {maxConnections: 100}}\n',
    good: MESH_DR + '    connectionPool: {tcp: {maxConnections: 100}}\n    tls: {mode: ISTIO_MUTUAL}\n',
    notes: 'Reported as info while auto mTLS is on (the default), as a warning when MeshConfig turns it off. Kiali KIA0204 is always a warning.',
  },
  check(ctx) {
    const g = ctx.graph;
    const sec = g.facet(security);
    const wide = sec.wideTls();
    const byHost = new Map<string, ClientTls[]>();
    for (const c of [...wide.mesh, ...[...wide.namespace.values()].flat()]) if (c.mode === 'ISTIO_MUTUAL') byHost.set(c.dr.host, [...(byHost.get(c.dr.host) ?? []), c]);
    if (!byHost.size) return;
    for (const dr of g.routing.destinationRules) {
      if (byHost.get(dr.host)?.some((c) => c.dr === dr) || sec.clientTls(dr).some((c) => c.subset === undefined)) continue;
      const wider = coveringWildcards(dr.fqdn).flatMap((h) => byHost.get(h) ?? []).find((c) => c.dr !== dr);
      if (!wider) continue;
      const tp = dr.resource.object?.spec?.trafficPolicy;
      ctx.report({
        resource: dr.resource,
        pointer: tp ? '/spec/trafficPolicy' : '/spec/host',
        key: !!tp,
        message: `DestinationRule "${dr.namespace}/${dr.name}" sets no TLS mode, so for "${dr.host}" it replaces the ISTIO_MUTUAL of "${wider.dr.host}" DestinationRule "${wider.dr.namespace}/${wider.dr.name}"${g.mesh.enableAutoMtls ? '' : ': with auto mTLS off, requests to this host are sent in plaintext'}`,
        related: [{ resource: wider.dr.resource, pointer: wider.pointer, message: `DestinationRule ${wider.dr.namespace}/${wider.dr.name} sets ISTIO_MUTUAL for ${wider.dr.host}` }],
        // With auto mTLS on, sidecars still send mTLS to sidecars: the override changes intent, not the wire.
        severity: g.mesh.enableAutoMtls ? 'info' : undefined,
        fix: 'Add tls: {mode: ISTIO_MUTUAL} to this trafficPolicy.',
      });
    }
  },
});
