import { defineRule } from '../src/engine/index.ts';
import { hostsOverlap, resolveGateway, type IstioGatewayInfo, type KubeGatewayInfo } from '../src/graph/index.ts';

export const virtualserviceHostNotInGateway = defineRule({
  id: 'virtualservice-host-not-in-gateway',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0132',
  istioAnalyzer: 'virtualservice.GatewayAnalyzer',
  docs: {
    summary: 'None of a VirtualService\'s hosts is served by a Gateway it binds to.',
    description:
      'A gateway applies a VirtualService only for hosts its servers (Istio Gateway) or listeners (Gateway API) accept. ' +
      'When no host of the VirtualService matches any of them, its routes are never used on that gateway and requests get 404. ' +
      'Server hosts written `namespace/host` only admit VirtualServices from that namespace.',
    fix: 'Add the host to a server of the Gateway, or correct the VirtualService hosts.',
    bad: `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: web}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*.example.com"]}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: web}
spec:
  hosts: ["shop.example.org"]
  gateways: [public]
  http: [{route: [{destination: {host: shop}}]}]
`,
    good: `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: web}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*.example.com"]}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: web}
spec:
  hosts: ["shop.example.com"]
  gateways: [public]
  http: [{route: [{destination: {host: shop}}]}]
`,
  },
  check(ctx) {
    for (const vs of ctx.graph.routing.virtualServices) {
      for (const g of vs.gateways) {
        if (g.value === 'mesh') continue;
        const gw = resolveGateway(ctx.graph, g.value, vs.namespace).targets[0];
        if (!gw) continue;
        const hosts = gw.kind === 'istio' ? istioHosts(gw.gateway, vs.namespace) : kubeHosts(gw.gateway);
        if (vs.hosts.some((h) => hosts.some((gh) => hostsOverlap(h, gh)))) continue;
        ctx.report({
          resource: vs.resource,
          pointer: g.pointer,
          message: `Gateway "${gw.gateway.namespace}/${gw.gateway.name}" accepts none of the hosts ${vs.hosts.map((h) => `"${h}"`).join(', ') || '(none)'}, so these routes never apply there`,
          related: [{ resource: gw.gateway.resource, pointer: gw.kind === 'istio' ? '/spec/servers' : '/spec/listeners', message: `Gateway ${gw.gateway.namespace}/${gw.gateway.name} serves ${written(gw).map((h) => `"${h}"`).join(', ') || 'no host'}` }],
          fix: 'Add one of the hosts to a server of the Gateway, or correct the VirtualService hosts.',
          discriminator: g.pointer,
        });
      }
    }
  },
});

/** Server hosts a VirtualService in `vsNs` may use: plain hosts, `*` or its own namespace prefixed, prefix removed. */
function istioHosts(gw: IstioGatewayInfo, vsNs: string): string[] {
  const out: string[] = [];
  for (const s of gw.servers) {
    for (let h of s.hosts) {
      if (h.startsWith('./')) h = `${gw.namespace}/${h.slice(2)}`;
      const slash = h.indexOf('/');
      if (slash < 0) out.push(h);
      else if (h.slice(0, slash) === '*' || h.slice(0, slash) === vsNs) out.push(h.slice(slash + 1));
    }
  }
  return out;
}

function written(gw: { kind: 'istio'; gateway: IstioGatewayInfo } | { kind: 'kube'; gateway: KubeGatewayInfo }): string[] {
  return gw.kind === 'istio' ? gw.gateway.servers.flatMap((s) => s.hosts) : kubeHosts(gw.gateway);
}

/** A listener without hostname accepts any host. */
function kubeHosts(gw: KubeGatewayInfo): string[] {
  return gw.listeners.map((l) => l.hostname ?? '*');
}
