import { defineRule } from '../src/engine/index.ts';
import { ambientNamespace, labelMap } from '../src/graph/index.ts';
import { security } from '../src/graph/security/index.ts';
import { AMBIENT_POLICY_KINDS, l7Pointer } from './_ambient.ts';

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
    for (const { kind, group, code } of AMBIENT_POLICY_KINDS) {
      for (const r of g.resources.ofKind(kind, group)) {
        const spec = r.object?.spec;
        if (!spec || typeof spec !== 'object' || spec.targetRef !== undefined || spec.targetRefs !== undefined) continue;
        if (!ambientNamespace(g.namespaces.labels(r.namespace))) continue;
        const l7 = l7Pointer(r, kind, spec, sec) ?? (kind === 'AuthorizationPolicy' || kind === 'Telemetry' ? undefined : selectorOrNamespace(spec));
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
          fix: 'Add targetRefs naming the waypoint or the Service that uses it, in place of any selector.',
        });
      }
    }
  },
});

function selectorOrNamespace(spec: Record<string, any>): { pointer: string; key: boolean } {
  return spec.selector !== undefined ? { pointer: '/spec/selector', key: true } : { pointer: '/metadata/namespace', key: false };
}
