import { defineRule } from '../src/engine/index.ts';
import { collisions, groupBy } from './_collisions.ts';
import type { KubeGatewayInfo, ListenerInfo } from '../src/graph/index.ts';

interface Use {
  gw: KubeGatewayInfo;
  listener: ListenerInfo;
}

export const gatewayApiDuplicateListener = defineRule({
  id: 'gateway-api-duplicate-listener',
  severity: 'warning',
  category: 'correctness',
  kiali: 'KIA1501',
  docs: {
    summary: 'Two Gateway API Gateways of one class have a listener for the same hostname, port and protocol.',
    description:
      'Each Gateway is its own entry point (Istio deploys a proxy and a Service per Gateway, unless they share an address). ' +
      'When two Gateways of the same class both listen for one hostname on one port and protocol, clients reach only the ' +
      'Gateway the hostname resolves to, and the routes attached to the other one for that hostname serve nothing.',
    fix: 'Serve the hostname from one Gateway, and attach the routes of both to it.',
    bad: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: istio
  listeners: [{name: shop, hostname: shop.example.com, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: shop, namespace: web}
spec:
  gatewayClassName: istio
  listeners: [{name: http, hostname: shop.example.com, port: 80, protocol: HTTP}]
`,
    good: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: istio
  listeners: [{name: shop, hostname: shop.example.com, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: shop, namespace: web}
spec:
  gatewayClassName: istio
  listeners: [{name: http, hostname: api.example.com, port: 80, protocol: HTTP}]
`,
    notes:
      'As Kiali, hostnames are compared as written and a listener without a hostname collides with nothing. Unlike Kiali, ' +
      'Gateways of different classes are not compared: they are served by different controllers (an internal and an ' +
      'external class holding the same hostname is a common, deliberate split). Listeners of one Gateway that repeat a ' +
      'hostname, port and protocol are rejected by the API server (schema-cel, KIA1503).',
  },
  check(ctx) {
    const uses: (Use & { key: string })[] = [];
    for (const gw of ctx.graph.gateways.kube) {
      const cls = gw.resource.object?.spec?.gatewayClassName;
      if (typeof cls !== 'string') continue;
      for (const listener of gw.listeners) {
        if (listener.hostname && listener.port !== undefined) uses.push({ gw, listener, key: `${cls}\0${listener.hostname}\0${listener.port}\0${listener.protocol}` });
      }
    }
    for (const { item: u, others } of collisions(groupBy(uses, (x) => x.key), (a, b) => a.gw !== b.gw)) {
      const names = [...new Set(others.map((o) => `"${o.gw.namespace}/${o.gw.name}"`))];
      const l = u.listener;
      ctx.report({
        resource: u.gw.resource,
        pointer: `${l.pointer}/hostname`,
        message: `Gateway${names.length > 1 ? 's' : ''} ${names.join(', ')} also listen${names.length > 1 ? '' : 's'} for "${l.hostname}" on port ${l.port} (${l.protocol}); clients reach only the Gateway the hostname resolves to, and routes for it on the others serve nothing`,
        related: others.map((o) => ({ resource: o.gw.resource, pointer: `${o.listener.pointer}/hostname`, message: `Gateway ${o.gw.namespace}/${o.gw.name} listener "${o.listener.name}"` })),
        fix: 'Serve the hostname from one Gateway and attach the routes of both to it.',
      });
    }
  },
});
