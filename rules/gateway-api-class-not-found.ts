import { defineRule } from '../src/engine/index.ts';
import { GATEWAY_API } from '../src/graph/index.ts';

// istiod creates these GatewayClasses itself, so they exist without being among the inputs.
const ISTIO_CLASSES = new Set(['istio', 'istio-remote', 'istio-waypoint', 'istio-east-west']);

export const gatewayApiClassNotFound = defineRule({
  id: 'gateway-api-class-not-found',
  severity: 'error',
  category: 'correctness',
  kiali: 'KIA1504',
  docs: {
    summary: 'A Gateway API Gateway names a GatewayClass that does not exist.',
    description:
      'A Gateway is programmed by the controller of its `gatewayClassName`. When no GatewayClass of that name exists, no ' +
      'controller picks the Gateway up: it gets no proxy and no address, and the routes attached to it serve nothing.',
    fix: 'Name an existing GatewayClass (`istio` for Istio\'s gateways), or create the GatewayClass.',
    bad: `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: internal}
spec:
  controllerName: istio.io/gateway-controller
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: intrenal
  listeners: [{name: http, port: 80, protocol: HTTP}]
`,
    good: `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: internal}
spec:
  controllerName: istio.io/gateway-controller
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: internal
  listeners: [{name: http, port: 80, protocol: HTTP}]
`,
    notes:
      'Kiali compares the class with the classes listed in its own configuration (`gateway_api_classes`), which a file ' +
      'linter cannot see; the GatewayClass objects among the inputs take its place. Classes are checked only when some ' +
      'GatewayClass is among the inputs, or with --closed-world. The classes istiod creates itself (`istio`, ' +
      '`istio-remote`, `istio-waypoint`, `istio-east-west`) always exist.',
  },
  check(ctx) {
    const g = ctx.graph;
    const classes = g.resources.ofKind('GatewayClass', GATEWAY_API);
    if (!classes.length && !ctx.closedWorld) return;
    const known = new Set(classes.map((c) => c.name));
    for (const gw of g.gateways.kube) {
      const cls = gw.resource.object?.spec?.gatewayClassName;
      if (typeof cls !== 'string' || !cls || known.has(cls) || ISTIO_CLASSES.has(cls)) continue;
      ctx.report({
        resource: gw.resource,
        pointer: '/spec/gatewayClassName',
        message: `GatewayClass "${cls}" does not exist, so no controller programs this Gateway and its routes serve nothing`,
        fix: known.size ? `Name an existing GatewayClass (${[...known].sort().map((c) => `"${c}"`).join(', ')}) or create "${cls}".` : `Create GatewayClass "${cls}", or use "istio".`,
      });
    }
  },
});
