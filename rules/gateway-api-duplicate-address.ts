import { defineRule } from '../src/engine/index.ts';
import { collisions, groupBy } from './_collisions.ts';
import type { KubeGatewayInfo } from '../src/graph/index.ts';

interface Use {
  gw: KubeGatewayInfo;
  pointer: string;
}

export const gatewayApiDuplicateAddress = defineRule({
  id: 'gateway-api-duplicate-address',
  severity: 'warning',
  category: 'correctness',
  kiali: 'KIA1502',
  docs: {
    summary: 'Two Gateway API Gateways request the same IP address.',
    description:
      'A Gateway\'s `spec.addresses` asks for the address its Service is given (Istio sets it as the load balancer IP of ' +
      'the Service it deploys). Only one Service gets an IP address: when two Gateways request the same one, the other ' +
      'stays without an address and is not programmed, so nothing reaches it.',
    fix: 'Give each Gateway its own address, or remove the address from one of them.',
    bad: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: istio
  addresses: [{value: 203.0.113.10}]
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: shop, namespace: web}
spec:
  gatewayClassName: istio
  addresses: [{type: IPAddress, value: 203.0.113.10}]
  listeners: [{name: http, port: 80, protocol: HTTP}]
`,
    good: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: istio
  addresses: [{value: 203.0.113.10}]
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: shop, namespace: web}
spec:
  gatewayClassName: istio
  addresses: [{value: 203.0.113.11}]
  listeners: [{name: http, port: 80, protocol: HTTP}]
`,
    notes:
      'An omitted `type` is `IPAddress`, as the API server defaults it. Unlike Kiali, addresses of type `Hostname` are not ' +
      'compared: naming an existing gateway Service by hostname is how Istio\'s manual deployment attaches several Gateways ' +
      'to one set of gateway pods, on purpose.',
  },
  check(ctx) {
    const uses: (Use & { key: string })[] = [];
    for (const gw of ctx.graph.gateways.kube) {
      const addresses = gw.resource.object?.spec?.addresses;
      if (!Array.isArray(addresses)) continue;
      addresses.forEach((a: any, i: number) => {
        const type = typeof a?.type === 'string' && a.type ? a.type : 'IPAddress';
        if (type === 'Hostname' || typeof a?.value !== 'string' || !a.value) return;
        uses.push({ gw, pointer: `/spec/addresses/${i}/value`, key: `${type}\0${a.value}` });
      });
    }
    for (const { key, item: u, others } of collisions(groupBy(uses, (x) => x.key), (a, b) => a.gw !== b.gw)) {
      const [type, value] = key.split('\0');
      const names = [...new Set(others.map((o) => `"${o.gw.namespace}/${o.gw.name}"`))];
      ctx.report({
        resource: u.gw.resource,
        pointer: u.pointer,
        message: `Gateway${names.length > 1 ? 's' : ''} ${names.join(', ')} also request${names.length > 1 ? '' : 's'} ${type} "${value}"; only one Gateway gets the address and the others are left without one`,
        related: others.map((o) => ({ resource: o.gw.resource, pointer: o.pointer, message: `Gateway ${o.gw.namespace}/${o.gw.name}` })),
        fix: 'Give each Gateway its own address.',
      });
    }
  },
});
