import { defineRule, type RelatedInput, type RuleContext } from '../src/engine/index.ts';
import type { Workload } from '../src/graph/index.ts';
import { matchAllEffect, security, unmatchedEffect, type AuthorizationPolicyInfo } from '../src/graph/security/index.ts';

const IDENTITY_FIELDS = ['principals', 'notPrincipals', 'namespaces', 'notNamespaces'];
const IDENTITY_KEYS = new Set(['source.principal', 'source.namespace', 'connection.sni']);
const ENFORCING = new Set(['sidecar', 'ambient', 'vm']);
const CASE = (mode: string) => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: shop}
spec: {mtls: {mode: ${mode}}}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: payments, namespace: shop}
spec:
  rules: [{from: [{source: {namespaces: [frontend]}}]}]
`;

interface Off {
  why: string;
  related?: RelatedInput;
}

/** Why callers present no mTLS identity to the policy's workloads (undefined when they may). */
function mtlsOff(ctx: RuleContext, ap: AuthorizationPolicyInfo): Off | undefined {
  const g = ctx.graph;
  const sec = g.facet(security);
  const ws: Workload[] = sec.authorizationPolicies.workloadsOf(ap).filter((w) => { const s = sec.sidecar(w); return s.state === 'in' && ENFORCING.has(s.mode); });
  const pa = ws.length ? ws.map((w) => sec.mtls(w)) : ap.meshWide || ap.targeted ? [] : [sec.peerAuthentications.inherited(ap.namespace)];
  if (pa.length && pa.every((m) => m.mode === 'DISABLE')) {
    const p = pa[0].policy!;
    return { why: `PeerAuthentication "${p.namespace}/${p.name}" disables mTLS`, related: { resource: p.resource, pointer: pa[0].pointer, message: `PeerAuthentication ${p.namespace}/${p.name} sets DISABLE` } };
  }
  const services = ws.flatMap((w) => g.services.servicesOf(w));
  if (!services.length) return undefined;
  const modes = services.map((s) => sec.clientTlsTo(s).flatMap((list) => list.filter((c) => c.port === undefined && c.subset === undefined))[0]);
  const first = modes[0];
  if (first && modes.every((c) => c && c.mode !== 'ISTIO_MUTUAL')) {
    return { why: `DestinationRule "${first.dr.namespace}/${first.dr.name}" makes clients use tls.mode ${first.mode}`, related: { resource: first.dr.resource, pointer: first.pointer, message: `DestinationRule ${first.dr.namespace}/${first.dr.name} sets ${first.mode}` } };
  }
  if (!g.mesh.enableAutoMtls && modes.every((c) => !c)) {
    const at = sec.meshConfigAt('enableAutoMtls');
    return { why: 'auto mTLS is off and no DestinationRule sets ISTIO_MUTUAL for these services', related: at && { ...at, message: 'MeshConfig turns auto mTLS off' } };
  }
  return undefined;
}

export const authorizationpolicyMtlsRequired = defineRule({
  id: 'authorizationpolicy-mtls-required',
  severity: 'error',
  category: 'security',
  kiali: 'KIA0105',
  docs: {
    summary: 'An AuthorizationPolicy matches on the caller\'s mTLS identity where mutual TLS is off.',
    description:
      '`principals`, `namespaces` (and their `not` forms) and the conditions `source.principal`, `source.namespace` and ' +
      '`connection.sni` are read from the client certificate of an Istio mutual TLS connection. Where the PeerAuthentication ' +
      'of the selected workloads is DISABLE, or the DestinationRule for them makes clients send plaintext or other TLS, ' +
      'callers present no identity: `principals`/`namespaces` never match (an ALLOW rule denies everyone, 403 RBAC: access ' +
      'denied; a DENY rule stops nobody) and `notPrincipals`/`notNamespaces` match everyone.',
    fix: 'Enable mutual TLS for the workloads (PERMISSIVE or STRICT, ISTIO_MUTUAL or no tls block in the DestinationRule), or match on other fields.',
    bad: CASE('DISABLE'),
    good: CASE('PERMISSIVE'),
    notes:
      'Kiali reasons per namespace and ignores workload- and port-level policies; meshlint uses the mode in force for the ' +
      'selected workloads (and the namespace default for a selector-less policy with no workloads among the inputs).',
  },
  check(ctx) {
    const g = ctx.graph;
    const sec = g.facet(security);
    // mTLS can only be off where some policy disables it, some DestinationRule sends non-Istio TLS, or auto mTLS is off.
    const disabled = sec.peerAuthentications.all.some((p) => p.mode === 'DISABLE' || [...p.ports.values()].some((x) => x.mode === 'DISABLE'));
    if (!disabled && g.mesh.enableAutoMtls && !g.routing.destinationRules.some((dr) => sec.clientTls(dr).some((c) => c.mode !== 'ISTIO_MUTUAL'))) return;
    for (const ap of sec.authorizationPolicies.all) {
      const uses = ap.rules.flatMap((r) => [
        ...r.from.flatMap((s) => IDENTITY_FIELDS.filter((f) => s.field(f)?.values.length).map((f) => ({ name: f, pointer: `${s.pointer}/${f}`, negative: f.startsWith('not') }))),
        ...r.when.filter((c) => IDENTITY_KEYS.has(c.key)).map((c) => ({ name: c.key, pointer: c.pointer, negative: !c.values?.values.length })),
      ]);
      if (!uses.length) continue;
      const off = mtlsOff(ctx, ap);
      if (!off) continue;
      for (const u of uses) {
        ctx.report({
          resource: ap.resource,
          pointer: u.pointer,
          key: !u.name.includes('.'),
          message: `"${u.name}" needs the caller's mTLS identity, but ${off.why} for the workloads of this policy: callers present none, so ${u.negative ? `it matches them all: ${matchAllEffect(ap.action)}` : `it never matches: ${unmatchedEffect(ap.action)}`}`,
          related: off.related ? [off.related] : undefined,
          fix: 'Enable mutual TLS for these workloads, or match on other fields.',
        });
      }
    }
  },
});
