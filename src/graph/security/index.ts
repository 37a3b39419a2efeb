import type { Resource } from '../../core/resource.ts';
import type { Facet, MeshGraph } from '../index.ts';
import { hostCovers, isWildcard } from '../hosts.ts';
import { labelMap, labelsMatch, push } from '../labels.ts';
import type { DestinationRuleInfo } from '../routing.ts';
import type { MeshService, ServicePort, Workload } from '../types.ts';
import { AuthorizationPolicies } from './authorization.ts';
import { Callers, type StaticCaller } from './callers.ts';
import { clientTlsFor, clientTlsOf, governingRules, mergedClientTls, reachOf, type ClientTls } from './client-tls.ts';
import { Identities } from './identities.ts';
import { Injector } from './injector.ts';
import { PeerAuthentications, type EffectiveMtls } from './peer-authentication.ts';
import { workloadPort } from './ports.ts';
import { namespaceInjection, sidecarStatus, type NamespaceInjection, type SidecarStatus } from './sidecar-status.ts';

export * from './authorization.ts';
export type { StaticCaller } from './callers.ts';
export { clientTlsFor, clientTlsOf, mergedClientTls, reachOf, type ClientTls, type DestinationRuleReach } from './client-tls.ts';
export { hostTokens, configMapRefs, type HostMention } from './host-mentions.ts';
export { Identities, type PrincipalMatch } from './identities.ts';
export { Injector, type InjectionWebhook } from './injector.ts';
export { PeerAuthentications, type EffectiveMtls, type MtlsMode, type PeerAuthInfo, type PortMtls } from './peer-authentication.ts';
export { isHttpProtocol, portProtocol, workloadPort } from './ports.ts';
export { expectedProxyImages, proxyImageType } from './proxy-image.ts';
export { isControlPlane, livePod, proxyContainer, type DataplaneMode, type Evidence, type MeshMembership, type NamespaceInjection, type SidecarStatus } from './sidecar-status.ts';

/** A workload behind a service port, with its sidecar status and the mTLS mode it enforces on that port. */
export interface PortBackend {
  workload: Workload;
  /** The workload (container) port the service port sends to; undefined when a named targetPort is not declared. */
  port?: number;
  status: SidecarStatus;
  mtls: EffectiveMtls;
  /** False when the port bypasses the proxy (`traffic.sidecar.istio.io/excludeInboundPorts`…), so nothing enforces mTLS. */
  captured: boolean;
}

/** A service port a DestinationRule TLS setting applies to, with the workloads behind it (the subset's, for a subset setting). */
export interface TlsTarget {
  service: MeshService;
  port: ServicePort;
  backends: PortBackend[];
}

const ISTIO_KINDS = ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'EnvoyFilter', 'WorkloadEntry', 'WorkloadGroup', 'PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication', 'Telemetry', 'WasmPlugin', 'ProxyConfig'];
const portList = (v: string | undefined) => (v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean));

/** The security view of the mesh: who has a sidecar, which mTLS mode each workload port enforces, who calls whom without one. */
export class SecurityModel {
  readonly injector: Injector;
  private readonly namespaces = new Map<string, NamespaceInjection>();
  private readonly statuses = new Map<Workload, SidecarStatus>();
  private readonly tls = new Map<DestinationRuleInfo, ClientTls[]>();
  private readonly portBackends = new Map<ServicePort, PortBackend[]>();
  private readonly serviceRules = new Map<MeshService, DestinationRuleInfo[][]>();
  private readonly serviceTls = new Map<MeshService, ClientTls[][]>();
  private pa?: PeerAuthentications;
  private ap?: AuthorizationPolicies;
  private ids?: Identities;
  private callerIndex?: Callers;
  private raByNs?: Map<string, Resource[]>;
  private used?: Set<string>;
  private wide?: { mesh: ClientTls[]; namespace: Map<string, ClientTls[]> };
  private readonly nsOf = (ns: string) => this.namespace(ns);

  constructor(private readonly g: MeshGraph) {
    this.injector = new Injector(g.resources);
  }

  /** What a namespace's labels (and the injector defaults) mean for its pods. */
  namespace(ns: string): NamespaceInjection {
    let n = this.namespaces.get(ns);
    if (!n) this.namespaces.set(ns, (n = namespaceInjection(this.g, this.injector, ns)));
    return n;
  }

  /** True when the inputs put workloads or Istio configuration in the namespace (an empty namespace needs no injection). */
  namespaceInUse(ns: string): boolean {
    if (!this.used) {
      this.used = new Set();
      for (const w of this.g.workloads.all()) if (!w.synthetic) this.used.add(w.namespace);
      for (const kind of ISTIO_KINDS) for (const r of this.g.resources.ofKind(kind)) if (r.namespace && r.group.endsWith('istio.io')) this.used.add(r.namespace);
    }
    return this.used.has(ns);
  }

  /** Where a MeshConfig field is set, when the mesh config is a ConfigMap or IstioOperator among the inputs. */
  meshConfigAt(field: string): { resource: Resource; pointer: string } | undefined {
    const src = this.g.mesh.source;
    if (src.kind === 'configmap') return { resource: src.resource, pointer: '/data/mesh' };
    if (src.kind === 'istiooperator') return { resource: src.resource, pointer: `/spec/meshConfig/${field}` };
    return undefined;
  }

  /** Sidecar status of a workload: in the mesh, out of it, or unknown (its namespace is not among the inputs). */
  sidecar(w: Workload): SidecarStatus {
    let s = this.statuses.get(w);
    if (!s) this.statuses.set(w, (s = sidecarStatus(w, this.nsOf)));
    return s;
  }

  get peerAuthentications(): PeerAuthentications {
    return (this.pa ??= new PeerAuthentications(this.g));
  }

  get authorizationPolicies(): AuthorizationPolicies {
    return (this.ap ??= new AuthorizationPolicies(this.g));
  }

  /** Service-account identities for AuthorizationPolicy principals. */
  get identities(): Identities {
    return (this.ids ??= new Identities(this.g));
  }

  /** The mTLS mode PeerAuthentications set for a workload (and port: a container port); enforced only when it is in the mesh. */
  mtls(w: Workload, port?: number): EffectiveMtls {
    return this.peerAuthentications.effective(w, port);
  }

  /** False when the port bypasses the sidecar by annotation (excludeInboundPorts, or not in includeInboundPorts). */
  inboundCaptured(w: Workload, port: number | undefined): boolean {
    if (port === undefined) return true;
    const exclude = portList(w.annotations['traffic.sidecar.istio.io/excludeInboundPorts']);
    if (exclude?.includes(String(port))) return false;
    const include = portList(w.annotations['traffic.sidecar.istio.io/includeInboundPorts']);
    return !include || include.includes('*') || include.includes(String(port));
  }

  /** The workloads behind each port of a service, with the mTLS mode each enforces on the port traffic lands on. */
  backends(svc: MeshService, p: ServicePort): PortBackend[] {
    let list = this.portBackends.get(p);
    if (!list) {
      list = this.g.services.workloadsOf(svc).map((w) => {
        const port = workloadPort(p, w);
        return { workload: w, port, status: this.sidecar(w), mtls: this.mtls(w, port), captured: this.inboundCaptured(w, port) };
      });
      this.portBackends.set(p, list);
    }
    return list;
  }

  /** Every TLS setting of a DestinationRule (top level, port level, subsets). */
  clientTls(dr: DestinationRuleInfo): ClientTls[] {
    let list = this.tls.get(dr);
    if (!list) this.tls.set(dr, (list = clientTlsOf(dr)));
    return list;
  }

  /**
   * DestinationRules that govern traffic to a service for some clients: per client namespace istiod picks one
   * namespace's rules (the client's, the service's, the root), exact host else the closest wildcard.
   */
  destinationRulesFor(svc: MeshService): DestinationRuleInfo[] {
    return [...new Set(this.rulePicks(svc).flat())];
  }

  /**
   * The TLS settings clients apply to a service, one list per set of clients (see destinationRulesFor), each merged
   * as istiod merges the rules of one host: pass a list to clientTlsFor to find the setting for a port and subset.
   */
  clientTlsTo(svc: MeshService): ClientTls[][] {
    let out = this.serviceTls.get(svc);
    if (!out) this.serviceTls.set(svc, (out = this.rulePicks(svc).map((pick) => mergedClientTls(pick, (dr) => this.clientTls(dr)))));
    return out;
  }

  private rulePicks(svc: MeshService): DestinationRuleInfo[][] {
    let out = this.serviceRules.get(svc);
    if (!out) {
      const picks = new Map<string, DestinationRuleInfo[]>();
      for (const h of svc.hosts) for (const pick of governingRules(this.g.routing, h, svc.namespace, this.g.mesh.domainSuffix)) picks.set(pick.map((dr) => `${dr.namespace}/${dr.name}`).join(' '), pick);
      this.serviceRules.set(svc, (out = [...picks.values()]));
    }
    return out;
  }

  /**
   * Top-level TLS settings of mesh-wide DestinationRules (host exactly `*.local`) and of namespace-wide ones (host
   * `*.<own namespace>.svc.<domain>`), by namespace: the rules Kiali weighs against PeerAuthentications.
   */
  wideTls(): { mesh: ClientTls[]; namespace: Map<string, ClientTls[]> } {
    if (!this.wide) {
      const wide = { mesh: [] as ClientTls[], namespace: new Map<string, ClientTls[]>() };
      for (const dr of this.g.routing.destinationRules) {
        if (!dr.host.startsWith('*.')) continue;
        const top = this.clientTls(dr).find((c) => c.port === undefined && c.subset === undefined && c.pointer.endsWith('/mode'));
        if (!top) continue;
        if (dr.host === '*.local') wide.mesh.push(top);
        else if (dr.host === `*.${dr.namespace}.svc.${this.g.mesh.domainSuffix}`) push(wide.namespace, dr.namespace, top);
      }
      this.wide = wide;
    }
    return this.wide;
  }

  /**
   * Where a DestinationRule TLS setting takes effect: the services its host covers for which the rule is the one istiod
   * picks, and on each the ports the setting is not overridden on (a port-level or subset setting narrows it).
   */
  tlsTargets(c: ClientTls): TlsTarget[] {
    const { dr } = c;
    const g = this.g;
    const domain = g.mesh.domainSuffix;
    const reach = reachOf(dr, domain);
    const candidates = !isWildcard(dr.host)
      ? g.services.registry.lookup(dr.host, dr.namespace, dr.exportTo, domain)
      : reach.kind === 'namespace' ? g.services.inNamespace(reach.namespace) : g.services.all().filter((s) => s.hosts.some((h) => hostCovers(dr.host, h)));
    const subset = c.subset !== undefined ? dr.subsets.find((s) => s.name === c.subset) : undefined;
    const out: TlsTarget[] = [];
    for (const service of candidates) {
      const settings = service.synthetic ? undefined : this.clientTlsTo(service).find((list) => list.includes(c));
      if (!settings) continue;
      for (const port of service.ports) {
        if (c.port !== undefined ? port.port !== c.port : clientTlsFor(settings, port.port, c.subset) !== c) continue;
        const backends = this.backends(service, port).filter((b) => !subset || labelsMatch(subset.labels, b.workload.labels));
        out.push({ service, port, backends });
      }
    }
    return out;
  }

  /** Clients without a proxy that the manifests show calling the service (see Callers.of). */
  callersOf(svc: MeshService): StaticCaller[] {
    // Control-plane components talk to the API server, not to services: their strings are not calls.
    this.callerIndex ??= new Callers(this.g, () => this.g.workloads.all().filter((w) => { const s = this.sidecar(w); return !w.synthetic && s.state !== 'in' && s.mode !== 'control-plane'; }));
    return this.callerIndex.of(svc);
  }

  /**
   * RequestAuthentications that apply to a workload: selector-less ones of its namespace or the root namespace, and
   * those whose selector matches it (in its namespace, or in the root namespace).
   */
  requestAuthenticationsFor(w: Workload): Resource[] {
    if (!this.raByNs) {
      this.raByNs = new Map();
      for (const r of this.g.resources.ofKind('RequestAuthentication', 'security.istio.io')) push(this.raByNs, r.namespace, r);
    }
    const namespaces = new Set([w.namespace, this.g.mesh.rootNamespace, this.g.mesh.istioNamespace]);
    const out: Resource[] = [];
    for (const ns of namespaces) {
      for (const r of this.raByNs.get(ns) ?? []) {
        const sel = labelMap(r.object?.spec?.selector?.matchLabels);
        if (labelsMatch(sel, w.labels)) out.push(r);
      }
    }
    return out;
  }
}

/** The security facet: `ctx.graph.facet(security)`. */
export const security: Facet<SecurityModel> = { id: 'security', build: (g: MeshGraph) => new SecurityModel(g) };
