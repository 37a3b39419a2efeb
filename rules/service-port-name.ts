import { defineRule } from '../src/engine/index.ts';
import type { ServicePort } from '../src/graph/index.ts';

const PROTOCOLS = new Set(['tcp', 'udp', 'grpc', 'grpc-web', 'http', 'http_proxy', 'http2', 'https', 'tls', 'mongo', 'redis', 'mysql']);
const SPECIAL: Readonly<Record<string, string>> = { 'kubernetes.io/h2c': 'http2', 'kubernetes.io/ws': 'http', 'kubernetes.io/wss': 'https' };
const DEFAULT_TCP = new Set([25, 53, 3306, 27017]);
const MANAGED = new Set(['istio.io-gateway-controller', 'istio.io-mesh-controller', 'istio.io-eastwest-controller']);

/** True when Istio can tell the port's protocol from its appProtocol or name (`http`, `grpc-web`, `tcp-db`…). */
export function namedProtocol(p: ServicePort): boolean {
  if (p.protocol.toUpperCase() === 'UDP') return true;
  const name = (p.appProtocol !== undefined ? SPECIAL[p.appProtocol] ?? p.appProtocol : p.name).toLowerCase();
  if (name.startsWith('grpc-web')) return true;
  const dash = name.indexOf('-');
  return PROTOCOLS.has(dash < 0 ? name : name.slice(0, dash)) || DEFAULT_TCP.has(p.port);
}

export const servicePortName = defineRule({
  id: 'service-port-name',
  severity: 'info',
  category: 'correctness',
  istio: 'IST0118',
  istioAnalyzer: 'service.PortNameAnalyzer',
  kiali: 'KIA0601',
  docs: {
    summary: 'A Service port does not declare its protocol by name or appProtocol.',
    description:
      'Istio picks a port\'s protocol from `appProtocol`, else from the port name (`http`, `http-web`, `grpc`, `tcp-db`…). ' +
      'Otherwise it sniffs the first bytes of each connection, which adds latency, fails for server-first protocols (MySQL, ' +
      'SMTP) and loses HTTP features (retries, routing by path) when detection guesses TCP.',
    fix: 'Name the port `<protocol>[-<suffix>]` (http, http2, https, grpc, tcp, tls…) or set appProtocol.',
    bad: `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews}
  ports: [{name: web, port: 9080}]
`,
    good: `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews}
  ports: [{name: http-web, port: 9080}]
`,
    notes:
      'Ports of ExternalName Services are reported as IST0150 (warning): a `tcp` name or an unknown protocol there keeps the ' +
      'proxy from forwarding the traffic. Control-plane Services (label `istio`, or `release: istio`) and Istio-managed ' +
      'gateway Services are skipped, as istioctl analyze does. Kiali reports the same for in-mesh Services (KIA0601/KIA0602).',
  },
  check(ctx) {
    for (const svc of ctx.graph.services.all()) {
      if (svc.kind !== 'Service' || svc.synthetic) continue;
      const labels = svc.resource.labels;
      if ('istio' in labels || labels.release === 'istio' || MANAGED.has(labels['gateway.istio.io/managed'])) continue;
      const external = svc.resource.object?.spec?.type === 'ExternalName';
      for (const p of svc.ports) {
        const ok = namedProtocol(p);
        if (ok && !(external && p.name === 'tcp')) continue;
        const field = p.appProtocol !== undefined ? 'appProtocol' : p.name ? 'name' : undefined;
        const target = String(p.targetPort ?? p.port);
        ctx.report({
          resource: svc.resource,
          pointer: field ? `${p.pointer}/${field}` : p.pointer,
          severity: external ? 'warning' : undefined,
          message: external
            ? `Port ${p.port} of this ExternalName Service is named "${p.name}": the proxy may not forward its TCP traffic; name it after the protocol (https, tls, http…)`
            : `Port ${p.port} (targetPort ${target}) ${p.appProtocol !== undefined ? `has appProtocol "${p.appProtocol}"` : p.name ? `is named "${p.name}"` : 'has no name'}, which names no protocol Istio knows, so the protocol is sniffed from traffic`,
          codes: external ? { istio: 'IST0150', kiali: undefined } : p.appProtocol !== undefined ? { kiali: 'KIA0602' } : undefined,
          fix: 'Name the port <protocol>[-suffix] (http, http2, https, grpc, tcp, tls…) or set appProtocol.',
          discriminator: p.pointer,
        });
      }
    }
  },
});
