import type { Resource } from '../../core/resource.ts';
import { GATEWAY_API } from '../gateways.ts';
import type { MeshGraph } from '../index.ts';
import { push } from '../labels.ts';
import type { MeshService, Workload } from '../types.ts';
import { HostMentions } from './host-mentions.ts';

/** A client found in the manifests that reaches a service without an Istio proxy (so without mutual TLS). */
export interface StaticCaller {
  /** workload: names the host in env/args/command/ConfigMap; ingress: a non-Istio Ingress backend; gateway: a non-Istio gateway's route backend; external: a NodePort/LoadBalancer Service. */
  kind: 'workload' | 'ingress' | 'gateway' | 'external';
  /** The object that makes the call happen (what a finding is reported on). */
  resource: Resource;
  pointer: string;
  /** How it names the service (`http://ratings.bookinfo:9080`, `Ingress backend ratings`, `type: LoadBalancer`). */
  text: string;
  /** The service port named, when known. */
  port?: number | string;
  workload?: Workload;
  via?: { resource: Resource; pointer: string };
  /** The proxy-less component in between: `ingress class nginx`, `Gateway edge/public (class envoy-gateway)`. */
  through?: string;
}

const ISTIO_GATEWAY_CLASSES = new Set(['istio', 'istio-remote', 'istio-east-west']);
const ISTIO_GATEWAY_CONTROLLER = 'istio.io/gateway-controller';

/**
 * Ingress backends, by `ns/service`, of Ingresses that no Istio gateway serves: their class (or the cluster's default
 * IngressClass) is not Istio's. An Ingress without class and no default class among the inputs is left out (unknown).
 */
function ingressBackends(g: MeshGraph, closedWorld: boolean): Map<string, StaticCaller[]> {
  const out = new Map<string, StaticCaller[]>();
  const istioClass = typeof g.mesh.raw.ingressClass === 'string' ? g.mesh.raw.ingressClass : 'istio';
  const classes = g.resources.ofKind('IngressClass');
  const istioClasses = new Set([istioClass, ...classes.filter((c) => c.object?.spec?.controller === 'istio.io/ingress-controller').map((c) => c.name)]);
  const defaultClass = classes.find((c) => c.annotations['ingressclass.kubernetes.io/is-default-class'] === 'true')?.name;
  for (const r of g.resources.ofKind('Ingress')) {
    const spec = r.object?.spec;
    const cls = (typeof spec?.ingressClassName === 'string' ? spec.ingressClassName : r.annotations['kubernetes.io/ingress.class']) ?? defaultClass;
    if (cls === undefined ? g.mesh.ingressControllerMode === 'DEFAULT' || !closedWorld : istioClasses.has(cls)) continue;
    const add = (b: any, pointer: string) => {
      const name = b?.service?.name ?? b?.serviceName;
      if (typeof name !== 'string') return;
      const port = b?.service?.port?.number ?? b?.service?.port?.name ?? b?.servicePort;
      const ptr = b?.service ? `${pointer}/service/name` : `${pointer}/serviceName`;
      push(out, `${r.namespace}/${name}`, { kind: 'ingress', resource: r, pointer: ptr, text: name, through: cls ? `ingress class ${cls}` : 'an Ingress without class', port: typeof port === 'number' || typeof port === 'string' ? port : undefined });
    };
    add(spec?.defaultBackend ?? spec?.backend, spec?.defaultBackend ? '/spec/defaultBackend' : '/spec/backend');
    if (Array.isArray(spec?.rules)) {
      spec.rules.forEach((rule: any, i: number) => {
        if (Array.isArray(rule?.http?.paths)) rule.http.paths.forEach((p: any, j: number) => add(p?.backend, `/spec/rules/${i}/http/paths/${j}/backend`));
      });
    }
  }
  return out;
}

/** Backends, by `ns/service`, of Gateway API routes attached to Gateways of a class Istio does not implement. */
function foreignGatewayBackends(g: MeshGraph): Map<string, StaticCaller[]> {
  const out = new Map<string, StaticCaller[]>();
  const istioClasses = new Set(ISTIO_GATEWAY_CLASSES);
  for (const c of g.resources.ofKind('GatewayClass', GATEWAY_API)) {
    if (c.object?.spec?.controllerName === ISTIO_GATEWAY_CONTROLLER) istioClasses.add(c.name);
    else istioClasses.delete(c.name);
  }
  for (const route of g.gatewayApi.routes) {
    const foreign = route.parents.map((p) => (p.kind === 'Gateway' && p.group === GATEWAY_API ? g.gateways.kubeGateway(p.namespace, p.name) : undefined)).find((gw) => {
      const cls = gw?.resource.object?.spec?.gatewayClassName;
      return typeof cls === 'string' && !istioClasses.has(cls);
    });
    if (!foreign) continue;
    const cls = foreign.resource.object.spec.gatewayClassName;
    for (const rule of route.rules) {
      for (const b of rule.backends) {
        if (b.kind !== 'Service' || b.group !== '') continue;
        push(out, `${b.namespace}/${b.name}`, { kind: 'gateway', resource: route.resource, pointer: `${b.pointer}/name`, text: b.name, through: `Gateway ${foreign.namespace}/${foreign.name} (class ${cls})`, port: b.port });
      }
    }
  }
  return out;
}

/** Clients without a proxy that the manifests show calling a service, found from indexes built once. */
export class Callers {
  private mentions?: HostMentions;
  private ingress?: Map<string, StaticCaller[]>;
  private gateways?: Map<string, StaticCaller[]>;

  constructor(private readonly g: MeshGraph, private readonly outsideMesh: () => Iterable<Workload>) {}

  /**
   * Callers of a service that send plaintext: workloads outside the mesh naming its host, Ingress backends of a
   * non-Istio controller, routes of non-Istio Gateway API gateways, and the Service itself when it is a NodePort
   * or LoadBalancer (clients outside the cluster).
   */
  of(svc: MeshService): StaticCaller[] {
    const g = this.g;
    this.mentions ??= new HostMentions(this.outsideMesh(), (ns, name) => g.resources.get('', 'ConfigMap', ns, name), g.mesh.domainSuffix);
    this.ingress ??= ingressBackends(g, g.closedWorld);
    this.gateways ??= foreignGatewayBackends(g);
    const isService = svc.kind === 'Service';
    const mentions = this.mentions.of(svc.hosts, isService ? svc : undefined);
    const out: StaticCaller[] = mentions.length ? mentions.map((m) => ({ kind: 'workload', resource: m.workload.resource, pointer: m.pointer, text: m.text, port: m.port, workload: m.workload, via: m.via })) : [];
    if (!isService) return out;
    const key = `${svc.namespace}/${svc.name}`;
    for (const list of [this.ingress.get(key), this.gateways.get(key)]) if (list) out.push(...list);
    const type = svc.resource.object?.spec?.type;
    if (type === 'NodePort' || type === 'LoadBalancer') out.push({ kind: 'external', resource: svc.resource, pointer: '/spec/type', text: `type: ${type}` });
    return out;
  }
}
