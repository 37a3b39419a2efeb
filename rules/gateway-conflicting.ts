import { defineRule } from '../src/engine/index.ts';
import { selectorText, type IstioGatewayInfo, type MeshGraph, type ServerInfo } from '../src/graph/index.ts';

interface Entry {
  gw: IstioGatewayInfo;
  server: ServerInfo;
  /** host → bind */
  hosts: Map<string, string>;
}

export const gatewayConflicting = defineRule({
  id: 'gateway-conflicting',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0145',
  istioAnalyzer: 'gateway.ConflictingGatewayAnalyzer',
  kiali: 'KIA0301',
  docs: {
    summary: 'Two Gateways on the same gateway pods declare the same host on the same port.',
    description:
      'Gateways whose selectors pick the same pods share their listeners. When two of them declare the same host on the ' +
      'same port (and bind address), the proxy merges them: for TLS servers only one certificate and TLS setting wins and ' +
      'the other server is silently ignored; for plain HTTP the routes of both apply, which is rarely intended.',
    fix: 'Declare the host in one Gateway only, or move one server to another port or gateway deployment.',
    bad: `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: shop, namespace: web}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["shop.example.com"], tls: {mode: SIMPLE, credentialName: shop}}]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: shop-legacy, namespace: legacy}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["shop.example.com"], tls: {mode: SIMPLE, credentialName: legacy}}]
`,
    good: `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: shop, namespace: web}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["shop.example.com"], tls: {mode: SIMPLE, credentialName: shop}}]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: shop-legacy, namespace: legacy}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["legacy.example.com"], tls: {mode: SIMPLE, credentialName: legacy}}]
`,
    notes:
      'Follows istioctl analyze: hosts conflict only when written identically (a wildcard covering another host is reported ' +
      'separately by gateway-wildcard-host-overlap), selectors match when equal or when one contains the other and a workload ' +
      'matches both. Severity is error when either server terminates TLS (a certificate is lost), warning otherwise.',
  },
  check(ctx) {
    // (selector text, port) → entries; a later server of the same gateway and key replaces the earlier one.
    const byKey = new Map<string, Map<IstioGatewayInfo, Entry>>();
    for (const gw of ctx.graph.gateways.istio) {
      for (const server of gw.servers) {
        const key = `${selectorText(gw.selector)}~${server.port ?? 0}`;
        const m = byKey.get(key) ?? new Map<IstioGatewayInfo, Entry>();
        m.set(gw, { gw, server, hosts: new Map(server.hosts.map((h) => [h, server.bind])) });
        byKey.set(key, m);
      }
    }
    const keysBySelector = new Map<string, string[]>();
    for (const k of byKey.keys()) {
      const sel = k.slice(0, k.lastIndexOf('~'));
      const list = keysBySelector.get(sel);
      if (list) list.push(k);
      else keysBySelector.set(sel, [k]);
    }
    for (const gw of ctx.graph.gateways.istio) {
      const sel = selectorText(gw.selector);
      const candidates = [...keysBySelector.entries()].filter(([s]) => s === sel || ((s.includes(sel) || sel.includes(s)) && sharePods(ctx.graph, gw.selector, s)));
      gw.servers.forEach((server) => {
        const port = `${server.port ?? 0}`;
        const conflicts: Entry[] = [];
        for (const [, keys] of candidates) {
          for (const k of keys) {
            if (k.slice(k.lastIndexOf('~') + 1) !== port) continue;
            for (const e of byKey.get(k)!.values()) {
              if (e.gw !== gw && server.hosts.some((h) => e.hosts.has(h) && e.hosts.get(h) === server.bind) && !conflicts.includes(e)) conflicts.push(e);
            }
          }
        }
        if (!conflicts.length) return;
        const names = conflicts.map((e) => `${e.gw.namespace}/${e.gw.name}`).sort();
        const tls = !!server.tls || conflicts.some((e) => !!e.server.tls);
        ctx.report({
          resource: gw.resource,
          pointer: `${server.pointer}/hosts`,
          key: true,
          severity: tls ? 'error' : 'warning',
          message: `Gateway${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')} also declare${names.length > 1 ? '' : 's'} ${server.hosts.filter((h) => conflicts.some((e) => e.hosts.has(h))).map((h) => `"${h}"`).join(', ')} on port ${port} for the same gateway pods (selector ${sel || '(empty)'})${tls ? '; only one TLS server is used' : ''}`,
          related: conflicts.map((e) => ({ resource: e.gw.resource, pointer: `${e.server.pointer}/hosts`, message: `Gateway ${e.gw.namespace}/${e.gw.name}` })),
          fix: 'Declare each host on one Gateway per port.',
          discriminator: server.pointer,
        });
      });
    }
  },
});

function sharePods(g: MeshGraph, selector: Readonly<Record<string, string>>, other: string): boolean {
  const labels: Record<string, string> = { ...selector };
  for (const pair of other ? other.split(',') : []) {
    const eq = pair.indexOf('=');
    const k = pair.slice(0, eq);
    if (labels[k] !== undefined && labels[k] !== pair.slice(eq + 1)) return false;
    labels[k] = pair.slice(eq + 1);
  }
  return g.workloads.select({ labels, expressions: [] }).length > 0;
}
