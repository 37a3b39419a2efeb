import type { Resource } from '../core/resource.ts';
import { labelMap } from './labels.ts';
import type { ResourceStore } from './store.ts';
import type { Labels, Selector } from './types.ts';

export const GATEWAY_API = 'gateway.networking.k8s.io';
export const ROUTE_KINDS_GATEWAY_API: readonly string[] = ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute'];

export interface ServerInfo {
  index: number;
  pointer: string;
  port?: number;
  portName: string;
  protocol: string;
  /** Hosts as written (`ns/host`, `./host`, `*`…). */
  hosts: readonly string[];
  bind: string;
  /** `tls` block as written, or undefined. */
  tls: Record<string, any> | undefined;
}

/** An Istio (networking.istio.io) Gateway. */
export interface IstioGatewayInfo {
  resource: Resource;
  namespace: string;
  name: string;
  /** `spec.selector` (empty map: every pod). */
  selector: Labels;
  servers: readonly ServerInfo[];
}

export interface ListenerInfo {
  index: number;
  pointer: string;
  name: string;
  /** Undefined when the listener accepts every hostname. */
  hostname?: string;
  port?: number;
  protocol: string;
  /** `allowedRoutes.namespaces.from`: Same (default), All or Selector. */
  from: string;
  namespaceSelector?: Selector;
  /** Route kinds allowed, when restricted. */
  kinds?: readonly string[];
}

/** A Gateway API Gateway. */
export interface KubeGatewayInfo {
  resource: Resource;
  namespace: string;
  name: string;
  listeners: readonly ListenerInfo[];
}

const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function istioGatewayOf(r: Resource): IstioGatewayInfo {
  const spec = isMap(r.object?.spec) ? r.object.spec : {};
  const servers: ServerInfo[] = [];
  if (Array.isArray(spec.servers)) {
    spec.servers.forEach((s: any, i: number) => {
      if (!isMap(s)) return;
      const info: ServerInfo = {
        index: i,
        pointer: `/spec/servers/${i}`,
        portName: str(s.port?.name),
        protocol: str(s.port?.protocol),
        hosts: Array.isArray(s.hosts) ? s.hosts.filter((h: unknown): h is string => typeof h === 'string') : [],
        bind: str(s.bind),
        tls: isMap(s.tls) ? s.tls : undefined,
      };
      if (typeof s.port?.number === 'number') info.port = s.port.number;
      servers.push(info);
    });
  }
  return { resource: r, namespace: r.namespace, name: r.name, selector: labelMap(spec.selector), servers };
}

export function kubeGatewayOf(r: Resource): KubeGatewayInfo {
  const spec = isMap(r.object?.spec) ? r.object.spec : {};
  const listeners: ListenerInfo[] = [];
  if (Array.isArray(spec.listeners)) {
    spec.listeners.forEach((l: any, i: number) => {
      if (!isMap(l)) return;
      const ns = l.allowedRoutes?.namespaces;
      const info: ListenerInfo = { index: i, pointer: `/spec/listeners/${i}`, name: str(l.name), protocol: str(l.protocol), from: str(ns?.from) || 'Same' };
      if (typeof l.hostname === 'string' && l.hostname) info.hostname = l.hostname;
      if (typeof l.port === 'number') info.port = l.port;
      if (isMap(ns?.selector)) info.namespaceSelector = { labels: labelMap(ns.selector.matchLabels), expressions: [] };
      if (Array.isArray(l.allowedRoutes?.kinds)) info.kinds = l.allowedRoutes.kinds.map((k: any) => str(k?.kind)).filter(Boolean);
      listeners.push(info);
    });
  }
  return { resource: r, namespace: r.namespace, name: r.name, listeners };
}

/** Istio Gateways and Gateway API Gateways by namespace/name. */
export class Gateways {
  readonly istio: IstioGatewayInfo[] = [];
  readonly kube: KubeGatewayInfo[] = [];
  private readonly istioByName = new Map<string, IstioGatewayInfo>();
  private readonly kubeByName = new Map<string, KubeGatewayInfo>();
  readonly istioLoaded: boolean;
  readonly kubeLoaded: boolean;

  constructor(store: ResourceStore) {
    const ig = store.ofKind('Gateway', 'networking.istio.io');
    const kg = store.ofKind('Gateway', GATEWAY_API);
    this.istioLoaded = ig.length > 0;
    this.kubeLoaded = kg.length > 0;
    for (const r of ig) {
      const g = istioGatewayOf(r);
      this.istio.push(g);
      this.istioByName.set(`${r.namespace}/${r.name}`, g);
    }
    for (const r of kg) {
      const g = kubeGatewayOf(r);
      this.kube.push(g);
      this.kubeByName.set(`${r.namespace}/${r.name}`, g);
    }
  }

  istioGateway(namespace: string, name: string): IstioGatewayInfo | undefined {
    return this.istioByName.get(`${namespace}/${name}`);
  }

  kubeGateway(namespace: string, name: string): KubeGatewayInfo | undefined {
    return this.kubeByName.get(`${namespace}/${name}`);
  }

  /**
   * A VirtualService's gateway reference as istiod reads it: `ns/name`, `name` (relative to `namespace`), or the
   * legacy `name.ns` / `name.ns.svc.cluster.local`, which is `ns/name`.
   */
  static parseRef(ref: string, namespace: string): { namespace: string; name: string } {
    const slash = ref.indexOf('/');
    if (slash >= 0) return { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) };
    const dot = ref.indexOf('.');
    if (dot < 0) return { namespace, name: ref };
    const rest = ref.slice(dot + 1);
    const next = rest.indexOf('.');
    return { namespace: next < 0 ? rest : rest.slice(0, next), name: ref.slice(0, dot) };
  }
}

