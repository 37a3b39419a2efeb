import { defineRule } from '../src/engine/index.ts';
import { mapSelector, resolveSelector, selectorText } from '../src/graph/index.ts';

export const gatewaySelectorNoWorkload = defineRule({
  id: 'gateway-selector-no-workload',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0101',
  kiali: 'KIA0302',
  docs: {
    summary: 'A Gateway\'s selector matches no gateway workload.',
    description:
      'An Istio Gateway configures the proxies whose pod labels match its `selector`, in any namespace. When no workload ' +
      'matches, no proxy listens for its servers and every VirtualService bound to it is unreachable. The default ingress ' +
      'gateway (`istio: ingressgateway` in istio-system) is assumed to exist unless MeshConfig turns ingress off.',
    fix: 'Correct the selector to the gateway deployment\'s pod labels, or deploy the gateway.',
    bad: `apiVersion: apps/v1
kind: Deployment
metadata: {name: internal-gateway, namespace: gateways}
spec:
  selector: {matchLabels: {istio: internal-gateway}}
  template:
    metadata: {labels: {istio: internal-gateway}}
    spec: {containers: [{name: istio-proxy, image: auto}]}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: internal, namespace: gateways}
spec:
  selector: {istio: internal-gw}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
`,
    good: `apiVersion: apps/v1
kind: Deployment
metadata: {name: internal-gateway, namespace: gateways}
spec:
  selector: {matchLabels: {istio: internal-gateway}}
  template:
    metadata: {labels: {istio: internal-gateway}}
    spec: {containers: [{name: istio-proxy, image: auto}]}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: internal, namespace: gateways}
spec:
  selector: {istio: internal-gateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
`,
    notes:
      'istioctl analyze reports this IST0101 from two analyzers (gateway.IngressGatewayPortAnalyzer and gateway.SecretAnalyzer); ' +
      'meshlint reports it once, so the finding names no single analyzer. Workloads are read from pod templates; when the ' +
      'inputs hold no workload at all the selector is unknown and is reported only under --closed-world.',
  },
  check(ctx) {
    for (const gw of ctx.graph.gateways.istio) {
      const res = resolveSelector(ctx.graph, mapSelector(gw.selector));
      if (res.state === 'resolved' || (res.state === 'unknown' && !ctx.closedWorld)) continue;
      ctx.report({
        resource: gw.resource,
        pointer: '/spec/selector',
        key: Object.keys(gw.selector).length > 0,
        message: `Selector ${selectorText(gw.selector) || '(empty)'} matches no workload, so no gateway proxy serves this Gateway`,
        fix: 'Use the pod labels of the gateway deployment in the selector.',
      });
    }
  },
});
