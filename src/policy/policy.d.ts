// Types of `meshlint/policy`, the only module a *.policy.ts file may import. At run time it provides
// definePolicy alone; everything else here is a type, for editors and `tsc`.

import type { DestinationRule, Namespace, ObjectMeta, PeerAuthentication, ResourceKinds, Service, ServiceEntry } from './resources.js';

export * from './resources.js';

/** Any resource: what ctx.report, ctx.identity and the other queries accept. */
export interface AnyResource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: ObjectMeta;
}

/** A resource of a kind meshlint has no schema for (a custom resource): its fields are not typed. */
export interface KubeObject extends AnyResource {
  readonly spec?: any;
  readonly [field: string]: any;
}

/** A kind name meshlint has a schema for (`VirtualService`, `networking.istio.io/Gateway`, `core/Pod`). */
export type KnownKind = keyof ResourceKinds;

/** The type of a resource of kind K: the schema's type for known kinds, else KubeObject. */
export type ResourceOf<K extends string> = K extends KnownKind ? ResourceKinds[K] : KubeObject;

/** Kind names: the known ones autocomplete, any other string (a custom resource's kind) is accepted too. */
export type KindName = KnownKind | (string & {});

export type Path = readonly (string | number)[] | string;

export interface Finding {
  message: string;
  /** Where in the resource: ['spec', 'http', 0] or '/spec/http/0' (default: the whole resource). */
  path?: Path;
  /** Point at the key of the member rather than its value. */
  key?: boolean;
  /** Another resource to report on (one passed to check or returned by a ctx query). */
  resource?: AnyResource;
  severity?: 'error' | 'warning' | 'info';
  fix?: string;
  related?: readonly { resource: AnyResource; path?: Path; message: string }[];
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
  /** The Pod, Deployment, StatefulSet… that declares the workload. */
  readonly resource: AnyResource;
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
  readonly resource: Service | ServiceEntry;
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
  identity(resource?: AnyResource): Identity;
  /** Resources of a kind, optionally in one namespace. */
  resources<K extends KindName>(kind: K, namespace?: string): readonly ResourceOf<K>[];
  namespaces(): readonly NamespaceView[];
  namespace(name: string): NamespaceView | undefined;
  meshConfig(): MeshConfigView;
  /** Services a host reaches from a namespace (default: the checked resource's), as Istio resolves it. */
  servicesForHost(host: string, fromNamespace?: string): readonly ServiceView[];
  /** Workloads whose pod labels match every label of the selector (in one namespace, or all). */
  workloadsForSelector(selector: Readonly<Record<string, string>>, namespace?: string): readonly WorkloadView[];
  /** The workload a Deployment, Pod, StatefulSet… declares (default: the checked resource). */
  workloadOf(resource?: AnyResource): WorkloadView | undefined;
  servicesOfWorkload(resource?: AnyResource): readonly ServiceView[];
  /** The DestinationRules istiod applies to a host from a namespace (exact host, else the most specific wildcard). */
  destinationRulesFor(host: string, namespace?: string): readonly DestinationRuleView[];
  /**
   * Whether a workload gets a sidecar, decided as the injector does (namespace labels, pod label and annotation,
   * revisions, injector defaults, ambient). `workload`: a workload answer or a resource that defines a workload
   * (default: the checked resource); undefined for other resources.
   */
  sidecar(workload?: WorkloadView | AnyResource): SidecarView | undefined;
  /** The mTLS mode PeerAuthentications set for a workload, on a container port when one is given. */
  mtls(workload?: WorkloadView | AnyResource, port?: number): MtlsView | undefined;
}

export interface SidecarView {
  readonly state: 'in' | 'out' | 'unknown';
  readonly mode: 'sidecar' | 'ambient' | 'gateway' | 'vm' | 'control-plane' | 'none';
  /** Why, in words: `namespace "batch" has no istio-injection label`. */
  readonly reason: string;
}

export interface MtlsView {
  readonly mode: 'STRICT' | 'PERMISSIVE' | 'DISABLE';
  /** Where the mode comes from; `default` when no PeerAuthentication sets one (Istio's default, PERMISSIVE). */
  readonly level: 'port' | 'workload' | 'namespace' | 'mesh' | 'default';
  /** The deciding PeerAuthentication. */
  readonly policy?: PeerAuthentication;
}

export interface Policy<K extends KindName = KindName> {
  /** `namespace/name`, lower case: `org/route-timeouts`. */
  id: string;
  severity: 'error' | 'warning' | 'info';
  /** Kinds checked: `VirtualService`, or `group/Kind`. The check runs once per resource of these kinds. */
  kinds: readonly K[];
  /** One line; SARIF's short description of the policy. */
  summary: string;
  description?: string;
  fix?: string;
  /** Runs once per resource of `kinds`; with several kinds, `resource.kind` tells them apart. */
  check(resource: ResourceOf<K>, ctx: PolicyContext): void;
}

/** Declares a policy; `kinds` decides the type `check` receives. */
export declare function definePolicy<const K extends KindName>(policy: Policy<K>): Policy<K>;
