import type { Resource } from '../core/resource.ts';
import type { SchemaFacts } from '../schema/index.ts';
import { GatewayApi } from './gateway-api.ts';
import { Gateways } from './gateways.ts';
import { findMeshConfigResource, loadMeshConfigFile, loadMeshNetworksFile, meshConfigFromDocument, meshConfigView, type MeshConfig } from './mesh-config.ts';
import { Namespaces } from './namespaces.ts';
import { RefIndex } from './refs.ts';
import { Routing } from './routing.ts';
import { ResourceStore } from './store.ts';
import { Secrets } from './secrets.ts';
import { Sidecars } from './sidecars.ts';
import { Services, Workloads, ingressObjects } from './workload-index.ts';

export { ResourceStore } from './store.ts';
export * from './types.ts';
export { MeshConfigError, type MeshConfig, type MeshConfigSource } from './mesh-config.ts';
export { Namespaces, type NamespaceInfo } from './namespaces.ts';
export { Workloads, Services } from './workload-index.ts';
export { HostRegistry } from './services.ts';
export { Routing, ROUTE_KINDS, receivesTraffic, routeLabel, type Destination, type DestinationRuleInfo, type SubsetInfo, type VirtualServiceInfo, type RouteKind, type GatewayRef } from './routing.ts';
export { Gateways, GATEWAY_API, type IstioGatewayInfo, type KubeGatewayInfo, type ListenerInfo, type ServerInfo } from './gateways.ts';
export { GatewayApi, type RouteInfo, type ObjectRef } from './gateway-api.ts';
export { listenerRejects, namedListeners, hostnamesIntersect } from './attachment.ts';
export { RefIndex } from './refs.ts';
export { Secrets, type SecretSource } from './secrets.ts';
export { Sidecars, ambientNamespace, ambientWorkload, type SidecarInfo } from './sidecars.ts';
export { gatewayCredentials, type GatewayCredential } from './credentials.ts';
export { shadowedRoutes, type ShadowedRoute } from './route-matches.ts';
export * from './hosts.ts';
export { labelMap, mapSelector, labelSelector, labelsMatch, selectorMatches, selectorText, isEmptySelector, LabelIndex } from './labels.ts';
export { SYNTHETIC_FILE } from './synthetic.ts';
export { WORKLOAD_KINDS, POD_TEMPLATE } from './workloads.ts';

export interface GraphOptions {
  /** Report references whose target kind was never loaded (what `istioctl analyze` on files assumes). */
  closedWorld?: boolean;
  /** MeshConfig file (plain MeshConfig, the istio ConfigMap with a `mesh` key, or an IstioOperator). */
  meshConfigFile?: string;
  meshNetworksFile?: string;
  /** The Istio (control plane) namespace; default istio-system. */
  istioNamespace?: string;
  /** What the schema stage learnt (e.g. which fields are string-typed). */
  schema?: SchemaFacts;
}

/** A lazily built part of the graph (see MeshGraph.facet); other modules add their own models this way. */
export interface Facet<T> {
  readonly id: string;
  build(graph: MeshGraph): T;
}

/**
 * The mesh model every rule queries. Each part (workloads, services, routing…) is built on first use from
 * indexes, so a run pays only for what its rules ask.
 */
export class MeshGraph {
  readonly resources: ResourceStore;
  private readonly facets = new Map<string, unknown>();

  constructor(resources: readonly Resource[], readonly options: GraphOptions = {}) {
    this.resources = new ResourceStore(resources);
  }

  /** The value of a facet, built once per graph. */
  facet<T>(f: Facet<T>): T {
    if (!this.facets.has(f.id)) this.facets.set(f.id, f.build(this));
    return this.facets.get(f.id) as T;
  }

  get closedWorld(): boolean {
    return !!this.options.closedWorld;
  }

  /** Effective MeshConfig: --mesh-config, else the istio ConfigMap / IstioOperator among the inputs, over Istio's defaults. */
  get mesh(): MeshConfig {
    return this.facet(meshFacet);
  }

  /** The MeshNetworks document of --mesh-networks (undefined when not given). */
  get meshNetworks(): Record<string, any> | undefined {
    return this.options.meshNetworksFile ? this.facet(meshNetworksFacet) : undefined;
  }

  get namespaces(): Namespaces {
    return this.facet(namespacesFacet);
  }

  get workloads(): Workloads {
    return this.facet(workloadsFacet);
  }

  get services(): Services {
    return this.facet(servicesFacet);
  }

  get routing(): Routing {
    return this.facet(routingFacet);
  }

  get gateways(): Gateways {
    return this.facet(gatewaysFacet);
  }

  get gatewayApi(): GatewayApi {
    return this.facet(gatewayApiFacet);
  }

  /** Secrets, and objects that create them (cert-manager Certificates, ExternalSecrets, SealedSecrets). */
  get secrets(): Secrets {
    return this.facet(secretsFacet);
  }

  /** Sidecar resources, the workloads each selects, and the namespace defaults. */
  get sidecars(): Sidecars {
    return this.facet(sidecarsFacet);
  }

  /** Every cross-reference as an edge (source + pointer → targets, three-valued). */
  get refs(): RefIndex {
    return this.facet(refsFacet);
  }
}

const meshFacet: Facet<MeshConfig> = {
  id: 'mesh',
  build(g) {
    const istioNs = g.options.istioNamespace ?? 'istio-system';
    if (g.options.meshConfigFile) return meshConfigView(loadMeshConfigFile(g.options.meshConfigFile), { kind: 'file', file: g.options.meshConfigFile }, istioNs);
    const found = findMeshConfigResource(g.resources.ofKind('ConfigMap', '').filter((r) => r.namespace === istioNs), g.resources.ofKind('IstioOperator'));
    if (found) {
      try {
        return meshConfigView(meshConfigFromDocument(found.resource.object, found.resource.file), { kind: found.kind, resource: found.resource }, istioNs);
      } catch {
        // An unreadable mesh config in the inputs is not ours to stop the run for: use the defaults.
      }
    }
    return meshConfigView({}, { kind: 'defaults' }, istioNs);
  },
};

const meshNetworksFacet: Facet<Record<string, any>> = { id: 'meshNetworks', build: (g) => loadMeshNetworksFile(g.options.meshNetworksFile!) };
const ingressFacet: Facet<ReturnType<typeof ingressObjects>> = { id: 'ingress', build: (g) => ingressObjects(g.resources, g.mesh) };
const namespacesFacet: Facet<Namespaces> = { id: 'namespaces', build: (g) => new Namespaces(g.resources) };
const workloadsFacet: Facet<Workloads> = { id: 'workloads', build: (g) => new Workloads(g.resources, g.facet(ingressFacet).pod) };
const servicesFacet: Facet<Services> = { id: 'services', build: (g) => new Services(g.resources, g.mesh, g.workloads, g.facet(ingressFacet).service) };
// DestinationRule lookups need the namespace of the service behind a host (istiod's second choice of namespace).
const routingFacet: Facet<Routing> = { id: 'routing', build: (g) => new Routing(g.resources, g.mesh, (host, client) => g.services.registry.lookup(host, client, undefined, g.mesh.domainSuffix)[0]?.namespace) };
const gatewaysFacet: Facet<Gateways> = { id: 'gateways', build: (g) => new Gateways(g.resources) };
const gatewayApiFacet: Facet<GatewayApi> = { id: 'gatewayApi', build: (g) => new GatewayApi(g.resources) };
const secretsFacet: Facet<Secrets> = { id: 'secrets', build: (g) => new Secrets(g.resources) };
const sidecarsFacet: Facet<Sidecars> = { id: 'sidecars', build: (g) => new Sidecars(g) };
const refsFacet: Facet<RefIndex> = { id: 'refs', build: (g) => new RefIndex(g) };

export function buildGraph(resources: readonly Resource[], options: GraphOptions = {}): MeshGraph {
  const g = new MeshGraph(resources, options);
  // Read the mesh config files now, so a bad --mesh-config stops the run before any rule runs.
  if (options.meshConfigFile) void g.mesh;
  if (options.meshNetworksFile) void g.meshNetworks;
  return g;
}
export { refState, resolveHost, resolveSelector, resolveGateway, resolveSubset, resolveSubsetWorkloads, hasWorkloads, hostNamespace, type Resolution, type AnyGateway } from './resolve.ts';
