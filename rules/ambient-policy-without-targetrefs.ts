import type { Resource } from '../src/core/index.ts';
import { defineRule } from '../src/engine/index.ts';
import { ambientNamespace, labelMap } from '../src/graph/index.ts';
import { HTTP_ONLY_FIELDS, httpOnlyKey, security, type AuthorizationPolicyInfo, type SecurityModel } from '../src/graph/security/index.ts';

/** Policy kinds ztunnel cannot enforce (all of a RequestAuthentication or WasmPlugin; the L7 part of the others). */
const KINDS = [
  { kind: 'AuthorizationPolicy', group: 'security.istio.io', code: 'KIA0110' },
  { kind: 'RequestAuthentication', group: 'security.istio.io', code: 'KIA1115' },
  { kind: 'WasmPlugin', group: 'extensions.istio.io', code: 'KIA1116' },
  { kind: 'Telemetry', group: 'telemetry.istio.io', code: 'KIA1117' },
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

const effect: Record<string, string> = {
  AuthorizationPolicy: 'cannot match HTTP attributes and fails safe by denying the traffic the rule covers',
  RequestAuthentication: 'does not validate JWTs, so tokens are not checked',
  WasmPlugin: 'runs no Wasm, so the plugin never runs',
  Telemetry: 'produces no HTTP traces, access logs or request metrics, so these settings do nothing',
};

export const ambientPolicyWithoutTargetrefs = defineRule({
  id: 'ambient-policy-without-targetrefs',
  severity: 'warning',
  category: 'correctness',
  kiali: 'KIA0110',
  docs: {
    summary: 'An L7 policy in an ambient namespace selects workloads instead of naming a waypoint or Service with targetRefs.',
    description:
      'In ambient mode a policy bound with `selector` (or to the whole namespace) is enforced by ztunnel, which only ' +
      'handles L4. An AuthorizationPolicy that matches HTTP attributes fails safe and denies traffic; a ' +
      'RequestAuthentication, a WasmPlugin and the tracing, access-logging and metric-override parts of a Telemetry are ' +
      'ignored. L7 policies take effect in a waypoint, which they must name with `targetRefs`.',
    fix: 'Replace `selector` with `targetRefs` naming the waypoint (kind: Gateway) or the Service (kind: Service) that uses it.',
    bad: `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio.io/dataplane-mode: ambient}}
---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: shop}
spec:
  jwtRules: [{issuer: "https://issuer.example.com"}]
`,
    good: `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio.io/dataplane-mode: ambient}}
---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: shop}
spec:
  targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: waypoint}]
  jwtRules: [{issuer: "https://issuer.example.com"}]
`,
    notes:
      'Codes: KIA0110 (AuthorizationPolicy), KIA1115 (RequestAuthentication), KIA1116 (WasmPlugin), KIA1117 (Telemetry). ' +
      'Kiali reports every such policy in an ambient namespace; a policy whose selector matches only workloads with a ' +
      'proxy of their own (an ingress gateway, a pod opted out with a sidecar) still works, so it is not reported here. ' +
      'An AuthorizationPolicy counts as L7 when it uses an HTTP-only field or a `request.*` condition key.',
  },
  check(ctx) {
    const g = ctx.graph;
    const sec = g.facet(security);
    for (const { kind, group, code } of KINDS) {
      for (const r of g.resources.ofKind(kind, group)) {
        const spec = r.object?.spec;
        if (!spec || typeof spec !== 'object' || spec.targetRef !== undefined || spec.targetRefs !== undefined) continue;
        if (!ambientNamespace(g.namespaces.labels(r.namespace))) continue;
        const l7 = l7Pointer(r, kind, spec, sec);
        if (l7 === undefined) continue;
        const selector = spec.selector && typeof spec.selector === 'object' ? labelMap(spec.selector.matchLabels) : {};
        if (Object.keys(selector).length) {
          const selected = g.workloads.select({ labels: selector, expressions: [] }, r.namespace);
          if (!selected.some((w) => sec.sidecar(w).mode === 'ambient')) continue;
        }
        const scope = Object.keys(selector).length ? 'its selector binds it to ambient workloads' : `namespace "${r.namespace}" is in ambient mode`;
        ctx.report({
          resource: r,
          pointer: l7.pointer,
          key: l7.key,
          message: `${kind} has no targetRefs and ${scope}, so ztunnel enforces it; ztunnel ${effect[kind]}`,
          codes: code === 'KIA0110' ? undefined : { kiali: code },
          fix: 'Replace the selector with targetRefs naming the waypoint or the Service that uses it.',
        });
      }
    }
  },
});

function l7Pointer(r: Resource, kind: string, spec: Record<string, any>, sec: SecurityModel): { pointer: string; key: boolean } | undefined {
  if (kind === 'AuthorizationPolicy') {
    const ap = sec.authorizationPolicies.of(r);
    const f = ap && firstL7Field(ap);
    return f && { pointer: f.pointer, key: !f.pointer.endsWith('/key') };
  }
  if (kind === 'Telemetry') {
    const p = telemetryL7(spec);
    return p === undefined ? undefined : { pointer: p, key: true };
  }
  return spec.selector !== undefined ? { pointer: '/spec/selector', key: true } : { pointer: '/metadata/namespace', key: false };
}
