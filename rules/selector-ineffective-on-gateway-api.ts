import type { Resource } from '../src/core/index.ts';
import { defineRule } from '../src/engine/index.ts';
import { GATEWAY_API, labelMap, labelsMatch, type Labels, type MeshGraph } from '../src/graph/index.ts';

const GATEWAY_NAME = 'gateway.networking.k8s.io/gateway-name';
/** Gateway classes for which istiod deploys the gateway pods itself (labelled with the Gateway's name). */
const DEPLOYED_CLASSES = new Set(['istio', 'istio-waypoint', 'istio-east-west']);
const POLICY_KINDS: readonly [string, string][] = [['AuthorizationPolicy', 'security.istio.io'], ['RequestAuthentication', 'security.istio.io'], ['Telemetry', 'telemetry.istio.io'], ['WasmPlugin', 'extensions.istio.io']];

interface GatewayPods {
  gateway: string;
  labels: Labels;
  resource: Resource;
}

const CASE = (target: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: bookinfo-gateway, namespace: bookinfo}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: bookinfo}
spec:
  ${target}
  jwtRules: [{issuer: "https://auth.example.com", jwksUri: "https://auth.example.com/jwks.json"}]
`;

/** Pods of Gateway API gateways by namespace: workloads labelled with a gateway name, and the pods istiod deploys for Gateways of its classes. */
function gatewayPods(g: MeshGraph): Map<string, GatewayPods[]> {
  const out = new Map<string, GatewayPods[]>();
  const add = (ns: string, p: GatewayPods) => (out.get(ns) ?? out.set(ns, []).get(ns)!).push(p);
  const named = new Set<string>();
  for (const w of g.workloads.all()) {
    const name = w.labels[GATEWAY_NAME];
    if (name === undefined || w.synthetic) continue;
    named.add(`${w.namespace}/${name}`);
    add(w.namespace, { gateway: name, labels: w.labels, resource: w.resource });
  }
  for (const gw of g.gateways.kube) {
    const spec = gw.resource.object?.spec;
    if (gw.resource.group !== GATEWAY_API || !DEPLOYED_CLASSES.has(spec?.gatewayClassName) || named.has(`${gw.namespace}/${gw.name}`)) continue;
    add(gw.namespace, { gateway: gw.name, labels: { ...labelMap(spec?.infrastructure?.labels), [GATEWAY_NAME]: gw.name }, resource: gw.resource });
  }
  return out;
}

export const selectorIneffectiveOnGatewayApi = defineRule({
  id: 'selector-ineffective-on-gateway-api',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0166',
  istioAnalyzer: 'k8sgateway.SelectorAnalyzer',
  docs: {
    summary: 'An AuthorizationPolicy, RequestAuthentication, Telemetry or WasmPlugin selects the pods of a Gateway API gateway by label.',
    description:
      'Policies reach the gateways Istio deploys for Gateway API Gateways only through `targetRefs` naming the Gateway. A ' +
      '`selector` matching those pods\' labels is ignored for them, so the gateway runs without the authorization, JWT ' +
      'validation, telemetry or Wasm extension the policy was written for.',
    fix: 'Replace the selector with `targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: <gateway>}]`.',
    bad: CASE('selector: {matchLabels: {gateway.networking.k8s.io/gateway-name: bookinfo-gateway}}'),
    good: CASE('targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: bookinfo-gateway}]'),
    notes:
      'Gateway pods are the workloads labelled gateway.networking.k8s.io/gateway-name and, for Gateways of the istio, ' +
      'istio-waypoint and istio-east-west classes without such workloads among the inputs, the pods istiod will deploy for ' +
      'them (the Gateway\'s name and spec.infrastructure.labels).',
  },
  check(ctx) {
    const g = ctx.graph;
    let pods: Map<string, GatewayPods[]> | undefined;
    for (const [kind, group] of POLICY_KINDS) {
      for (const r of g.resources.ofKind(kind, group)) {
        const spec = r.object?.spec;
        if (!spec?.selector || typeof spec.selector !== 'object' || spec.targetRef !== undefined || spec.targetRefs !== undefined) continue;
        pods ??= gatewayPods(g);
        const selector = labelMap(spec.selector.matchLabels);
        const hit = new Map<string, GatewayPods>();
        for (const p of pods.get(r.namespace) ?? []) if (!hit.has(p.gateway) && labelsMatch(selector, p.labels)) hit.set(p.gateway, p);
        for (const [gateway, p] of hit) {
          ctx.report({
            resource: r,
            pointer: '/spec/selector',
            key: true,
            message: `Selector matches the pods of Gateway API gateway "${gateway}", where selectors have no effect: this ${kind} does not apply to it; use targetRefs`,
            related: [{ resource: p.resource, message: `${p.resource.kind} ${p.resource.namespace}/${p.resource.name}` }],
            fix: `Replace the selector with targetRefs naming Gateway ${gateway}.`,
            discriminator: gateway,
          });
        }
      }
    }
  },
});
