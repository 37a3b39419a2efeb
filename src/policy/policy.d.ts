// Types of `meshlint/policy`, the only module a *.policy.ts file may import. At run time it provides
// definePolicy alone; everything else here is a type, for editors and `tsc`.

/** Kubernetes object metadata as written in the manifest (namespace may be absent: see ctx.identity()). */
export interface ObjectMeta {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly [field: string]: any;
}

/** A resource as policies see it: the manifest's data, deep-frozen. */
export interface KubeObject<Spec = any> {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly spec?: Spec;
  readonly [field: string]: any;
}

type Open<T> = { readonly [K in keyof T]: T[K] } & { readonly [field: string]: any };

export type Destination = Open<{ host: string; subset?: string; port?: { number?: number } }>;
export type HTTPRoute = Open<{
  name?: string;
  match?: readonly Open<{ uri?: any; headers?: any; port?: number; gateways?: readonly string[] }>[];
  route?: readonly Open<{ destination: Destination; weight?: number }>[];
  timeout?: string;
  retries?: Open<{ attempts?: number; perTryTimeout?: string; retryOn?: string }>;
  fault?: any;
  mirror?: Destination;
}>;
export type VirtualService = KubeObject<Open<{ hosts?: readonly string[]; gateways?: readonly string[]; http?: readonly HTTPRoute[]; tcp?: readonly any[]; tls?: readonly any[]; exportTo?: readonly string[] }>>;
export type TrafficPolicy = Open<{ connectionPool?: any; loadBalancer?: any; outlierDetection?: Open<{ consecutive5xxErrors?: number; interval?: string; baseEjectionTime?: string }>; tls?: Open<{ mode?: string }> }>;
export type DestinationRule = KubeObject<Open<{ host: string; trafficPolicy?: TrafficPolicy; subsets?: readonly Open<{ name: string; labels?: Readonly<Record<string, string>>; trafficPolicy?: TrafficPolicy }>[]; exportTo?: readonly string[] }>>;
export type GatewayServer = Open<{ port: Open<{ number: number; name?: string; protocol: string }>; hosts: readonly string[]; tls?: Open<{ mode?: string; credentialName?: string }> }>;
export type Gateway = KubeObject<Open<{ selector?: Readonly<Record<string, string>>; servers?: readonly GatewayServer[] }>>;
export type ServiceEntry = KubeObject<Open<{ hosts?: readonly string[]; location?: 'MESH_EXTERNAL' | 'MESH_INTERNAL'; ports?: readonly any[]; resolution?: string; endpoints?: readonly any[]; exportTo?: readonly string[] }>>;
export type Sidecar = KubeObject<Open<{ workloadSelector?: Open<{ labels?: Readonly<Record<string, string>> }>; outboundTrafficPolicy?: Open<{ mode?: 'ALLOW_ANY' | 'REGISTRY_ONLY' }>; egress?: readonly any[]; ingress?: readonly any[] }>>;
export type PeerAuthentication = KubeObject<Open<{ selector?: Open<{ matchLabels?: Readonly<Record<string, string>> }>; mtls?: Open<{ mode?: 'STRICT' | 'PERMISSIVE' | 'DISABLE' | 'UNSET' }>; portLevelMtls?: any }>>;
export type AuthorizationPolicy = KubeObject<Open<{ selector?: Open<{ matchLabels?: Readonly<Record<string, string>> }>; action?: 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM'; rules?: readonly Open<{ from?: readonly any[]; to?: readonly any[]; when?: readonly any[] }>[] }>>;
export type RequestAuthentication = KubeObject<Open<{ selector?: Open<{ matchLabels?: Readonly<Record<string, string>> }>; jwtRules?: readonly Open<{ issuer: string; jwksUri?: string; audiences?: readonly string[] }>[] }>>;
export type Container = Open<{ name: string; image?: string; ports?: readonly any[]; env?: readonly any[] }>;
export type PodSpec = Open<{ containers?: readonly Container[]; initContainers?: readonly Container[]; serviceAccountName?: string }>;
export type Pod = KubeObject<PodSpec>;
export type PodTemplateOwner = KubeObject<Open<{ selector?: any; replicas?: number; template?: Open<{ metadata?: ObjectMeta; spec?: PodSpec }> }>>;
export type Service = KubeObject<Open<{ selector?: Readonly<Record<string, string>>; ports?: readonly Open<{ name?: string; port: number; targetPort?: number | string; protocol?: string; appProtocol?: string }>[]; type?: string }>>;
export type Namespace = KubeObject<any>;

/** Resource types by kind; other kinds are plain KubeObjects. */
export interface KindMap {
  VirtualService: VirtualService;
  DestinationRule: DestinationRule;
  Gateway: Gateway;
  ServiceEntry: ServiceEntry;
  Sidecar: Sidecar;
  PeerAuthentication: PeerAuthentication;
  AuthorizationPolicy: AuthorizationPolicy;
  RequestAuthentication: RequestAuthentication;
  Pod: Pod;
  Deployment: PodTemplateOwner;
  StatefulSet: PodTemplateOwner;
  DaemonSet: PodTemplateOwner;
  ReplicaSet: PodTemplateOwner;
  Job: PodTemplateOwner;
  Service: Service;
  Namespace: Namespace;
}

export type ResourceOf<K extends string> = K extends keyof KindMap ? KindMap[K] : KubeObject;

export type Path = readonly (string | number)[] | string;

export interface Finding {
  message: string;
  /** Where in the resource: ['spec', 'http', 0] or '/spec/http/0' (default: the whole resource). */
  path?: Path;
  /** Point at the key of the member rather than its value. */
  key?: boolean;
  /** Another resource to report on (one passed to check or returned by a ctx query). */
  resource?: KubeObject;
  severity?: 'error' | 'warning' | 'info';
  fix?: string;
  related?: readonly { resource: KubeObject; path?: Path; message: string }[];
}

export interface Identity {
  readonly apiVersion: string;
  readonly group: string;
  readonly kind: string;
  /** The effective namespace ('default' when the manifest has none; '' for cluster-scoped kinds). */
  readonly namespace: string;
  readonly name: string;
  readonly file: string;
}

export interface WorkloadView {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** Pod-template labels and annotations. */
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly serviceAccount: string;
  readonly containers: readonly { readonly name: string; readonly image: string; readonly init: boolean; readonly ports: readonly { name: string; containerPort: number; protocol: string }[] }[];
  readonly synthetic: boolean;
  readonly resource: KubeObject;
}

export interface ServiceView {
  readonly kind: 'Service' | 'ServiceEntry';
  readonly namespace: string;
  readonly name: string;
  readonly hosts: readonly string[];
  readonly ports: readonly { name: string; port: number; targetPort?: number | string; protocol: string; appProtocol?: string }[];
  readonly selector?: Readonly<Record<string, string>>;
  readonly exportTo: readonly string[];
  readonly synthetic: boolean;
  readonly resource: KubeObject;
}

export interface DestinationRuleView {
  readonly namespace: string;
  readonly name: string;
  readonly host: string;
  readonly fqdn: string;
  readonly subsets: readonly { name: string; labels: Readonly<Record<string, string>> }[];
  readonly exportTo: readonly string[];
  readonly resource: DestinationRule;
}

export interface NamespaceView {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** True when a Namespace object declares it. */
  readonly declared: boolean;
  readonly resource?: Namespace;
}

export interface MeshConfigView {
  readonly rootNamespace: string;
  readonly istioNamespace: string;
  readonly trustDomain: string;
  readonly domainSuffix: string;
  readonly outboundTrafficPolicyMode: string;
  readonly enableAutoMtls: boolean;
  /** The merged MeshConfig, as Istio would read it. */
  readonly raw: Readonly<Record<string, any>>;
  readonly [field: string]: any;
}

/** What a policy's check receives besides the resource. Every answer is read-only. */
export interface PolicyContext {
  report(finding: Finding): void;
  /** Identity of a resource (default: the one being checked). */
  identity(resource?: KubeObject): Identity;
  /** Resources of a kind, optionally in one namespace. */
  resources<K extends string>(kind: K, namespace?: string): readonly ResourceOf<K>[];
  namespaces(): readonly NamespaceView[];
  namespace(name: string): NamespaceView | undefined;
  meshConfig(): MeshConfigView;
  /** Services a host reaches from a namespace (default: the checked resource's), as Istio resolves it. */
  servicesForHost(host: string, fromNamespace?: string): readonly ServiceView[];
  /** Workloads whose pod labels match every label of the selector (in one namespace, or all). */
  workloadsForSelector(selector: Readonly<Record<string, string>>, namespace?: string): readonly WorkloadView[];
  /** The workload a Deployment, Pod, StatefulSet… declares (default: the checked resource). */
  workloadOf(resource?: KubeObject): WorkloadView | undefined;
  servicesOfWorkload(resource?: KubeObject): readonly ServiceView[];
  /** The DestinationRules istiod applies to a host from a namespace (exact host, else the most specific wildcard). */
  destinationRulesFor(host: string, namespace?: string): readonly DestinationRuleView[];
  /** Not available yet in this version: calling it is a policy-error. */
  sidecar(resource?: KubeObject): never;
  /** Not available yet in this version: calling it is a policy-error. */
  mtls(resource?: KubeObject, port?: number): never;
}

export interface Policy<K extends string = string> {
  /** `namespace/name`, lower case: `org/route-timeouts`. */
  id: string;
  severity: 'error' | 'warning' | 'info';
  /** Kinds checked: `VirtualService`, or `group/Kind`. The check runs once per resource of these kinds. */
  kinds: readonly K[];
  /** One line; SARIF's short description of the policy. */
  summary: string;
  description?: string;
  fix?: string;
  check(resource: ResourceOf<K>, ctx: PolicyContext): void;
}

export declare function definePolicy<K extends string>(policy: Policy<K>): Policy<K>;
