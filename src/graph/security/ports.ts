import type { MeshService, ServicePort, Workload } from '../types.ts';

const PROTOCOLS = new Set(['tcp', 'udp', 'grpc', 'grpc-web', 'http', 'http_proxy', 'http2', 'https', 'tls', 'mongo', 'redis', 'mysql']);
const SPECIAL: Readonly<Record<string, string>> = { 'kubernetes.io/h2c': 'http2', 'kubernetes.io/ws': 'http', 'kubernetes.io/wss': 'https' };
const HTTP = new Set(['http', 'http2', 'grpc', 'grpc-web', 'http_proxy']);

/**
 * The protocol Istio gives a port (lower case: `http`, `tcp`, `tls`, `mysql`…): a ServiceEntry's `protocol`, a
 * Service's `appProtocol`, else its name prefix. Undefined when Istio sniffs it (unnamed or unknown names).
 */
export function portProtocol(svc: MeshService, p: ServicePort): string | undefined {
  if (svc.kind === 'ServiceEntry') return p.protocol ? p.protocol.toLowerCase() : undefined;
  if (p.protocol.toUpperCase() === 'UDP') return 'udp';
  const name = (p.appProtocol !== undefined ? SPECIAL[p.appProtocol] ?? p.appProtocol : p.name).toLowerCase();
  if (name.startsWith('grpc-web')) return 'grpc-web';
  const dash = name.indexOf('-');
  const proto = dash < 0 ? name : name.slice(0, dash);
  if (PROTOCOLS.has(proto)) return proto;
  return p.port === 3306 ? 'mysql' : p.port === 27017 ? 'mongo' : p.port === 25 || p.port === 53 ? 'tcp' : undefined;
}

/** True for protocols whose requests the proxy parses as HTTP (so HTTP-only policy fields can match). */
export function isHttpProtocol(proto: string | undefined): boolean {
  return proto !== undefined && HTTP.has(proto);
}

/** The workload port a Service port sends to: a numeric targetPort, a named one looked up in the containers, else the port. */
export function workloadPort(p: ServicePort, w: Workload): number | undefined {
  if (typeof p.targetPort === 'number') return p.targetPort;
  if (typeof p.targetPort === 'string' && p.targetPort !== '') {
    if (/^\d+$/.test(p.targetPort)) return Number(p.targetPort);
    for (const c of w.containers) for (const cp of c.ports) if (cp.name === p.targetPort) return cp.containerPort;
    return undefined;
  }
  return p.port;
}
