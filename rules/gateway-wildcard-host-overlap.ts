import { defineRule } from '../src/engine/index.ts';
import { selectorText, type IstioGatewayInfo } from '../src/graph/index.ts';

interface HostAt {
  gw: IstioGatewayInfo;
  pointer: string;
  host: string;
  ns: string;
}

export const gatewayWildcardHostOverlap = defineRule({
  id: 'gateway-wildcard-host-overlap',
  severity: 'info',
  category: 'correctness',
  kiali: 'KIA0301',
  docs: {
    summary: 'A wildcard Gateway host covers a host another Gateway declares on the same port and pods.',
    description:
      'When one Gateway declares `*.example.com` and another declares `shop.example.com` on the same port of the same gateway ' +
      'pods, the proxy picks the most specific server for each request: shop.example.com goes to the second, the rest to the ' +
      'first. That is often intended (a default plus exceptions), but it also hides the first Gateway\'s TLS settings and ' +
      'routes for that host.',
    fix: 'If the overlap is unintended, narrow the wildcard or move one server to its own port or gateway.',
    bad: `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: wildcard, namespace: web}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*.example.com"]}]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: shop, namespace: web}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["shop.example.com"]}]
`,
    good: `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: wildcard, namespace: web}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*.example.org"]}]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: shop, namespace: web}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["shop.example.com"]}]
`,
    notes: 'Kiali reports these overlaps as KIA0301 warnings together with exact duplicates; meshlint reports exact duplicates with gateway-conflicting and these at info level.',
  },
  check(ctx) {
    // (port, selector) → wildcard hosts; then every concrete host looks up the wildcards covering it.
    const wild = new Map<string, HostAt[]>();
    const concrete: [string, HostAt][] = [];
    for (const gw of ctx.graph.gateways.istio) {
      const sel = selectorText(gw.selector);
      for (const s of gw.servers) {
        s.hosts.forEach((raw, i) => {
          const slash = raw.indexOf('/');
          const ns = slash < 0 ? '*' : raw.slice(0, slash) === '.' ? gw.namespace : raw.slice(0, slash);
          const host = (slash < 0 ? raw : raw.slice(slash + 1)).toLowerCase();
          const at: HostAt = { gw, pointer: `${s.pointer}/hosts/${i}`, host, ns };
          const key = `${s.port ?? 0}\0${sel}`;
          if (host.startsWith('*')) {
            const list = wild.get(`${key}\0${host}`);
            if (list) list.push(at);
            else wild.set(`${key}\0${host}`, [at]);
          } else concrete.push([key, at]);
        });
      }
    }
    for (const [key, at] of concrete) {
      const labels = at.host.split('.');
      const covering = [...labels.keys()].slice(1).map((i) => `*.${labels.slice(i).join('.')}`).concat('*');
      for (const w of covering) {
        for (const other of wild.get(`${key}\0${w}`) ?? []) {
          if (other.gw === at.gw || (at.ns !== '*' && other.ns !== '*' && at.ns !== other.ns)) continue;
          ctx.report({
            resource: at.gw.resource,
            pointer: at.pointer,
            message: `Host "${at.host}" is also covered by "${other.host}" of Gateway "${other.gw.namespace}/${other.gw.name}" on the same port and gateway pods; requests for it use this server only`,
            related: [{ resource: other.gw.resource, pointer: other.pointer, message: `Gateway ${other.gw.namespace}/${other.gw.name} declares ${other.host}` }],
            fix: 'Narrow the wildcard, or keep the override if it is intended.',
            discriminator: `${other.gw.namespace}/${other.gw.name}${other.pointer}`,
          });
        }
      }
    }
  },
});
