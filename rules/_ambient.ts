import type { Resource } from '../src/core/index.ts';
import { HTTP_ONLY_FIELDS, httpOnlyKey, type AuthorizationPolicyInfo, type SecurityModel } from '../src/graph/security/index.ts';

/** Policy kinds ztunnel cannot enforce (all of a RequestAuthentication or WasmPlugin; the L7 part of the others), with the Kiali code for a selector-bound one and for one naming a Service without a waypoint. */
export const AMBIENT_POLICY_KINDS = [
  { kind: 'AuthorizationPolicy', group: 'security.istio.io', code: 'KIA0110', targetCode: 'KIA0109' },
  { kind: 'RequestAuthentication', group: 'security.istio.io', code: 'KIA1115', targetCode: 'KIA1110' },
  { kind: 'WasmPlugin', group: 'extensions.istio.io', code: 'KIA1116', targetCode: 'KIA1111' },
  { kind: 'Telemetry', group: 'telemetry.istio.io', code: 'KIA1117', targetCode: 'KIA1112' },
] as const;

const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;

/** The first HTTP-only field of an AuthorizationPolicy: what ztunnel cannot match. */
function firstL7Field(ap: AuthorizationPolicyInfo): { pointer: string; name: string } | undefined {
  for (const rule of ap.rules) {
    for (const c of [...rule.from, ...rule.to]) {
      const name = c.names().find((n) => HTTP_ONLY_FIELDS.has(n));
      if (name) return { pointer: `${c.pointer}/${name}`, name };
    }
    const cond = rule.when.find((w) => httpOnlyKey(w.key));
    if (cond) return { pointer: `${cond.pointer}/key`, name: cond.key };
  }
  return undefined;
}

/** The L7 settings of a Telemetry (tracing, access logging, metric overrides): ztunnel produces none of them. */
function telemetryL7(spec: Record<string, any>): string | undefined {
  if (nonEmpty(spec.tracing)) return '/spec/tracing';
  if (nonEmpty(spec.accessLogging)) return '/spec/accessLogging';
  const metrics = Array.isArray(spec.metrics) ? spec.metrics : [];
  const i = metrics.findIndex((m: any) => nonEmpty(m?.overrides));
  return i >= 0 ? `/spec/metrics/${i}/overrides` : undefined;
}

/** The L7 part ztunnel cannot apply: an AuthorizationPolicy's first HTTP field, a Telemetry's L7 settings; undefined for the other kinds and for L4-only policies. */
export function l7Pointer(r: Resource, kind: string, spec: Record<string, any>, sec: SecurityModel): { pointer: string; key: boolean } | undefined {
  if (kind === 'AuthorizationPolicy') {
    const ap = sec.authorizationPolicies.of(r);
    const f = ap && firstL7Field(ap);
    return f && { pointer: f.pointer, key: !f.pointer.endsWith('/key') };
  }
  if (kind === 'Telemetry') {
    const p = telemetryL7(spec);
    return p === undefined ? undefined : { pointer: p, key: true };
  }
  return undefined;
}
