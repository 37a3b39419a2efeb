import type { Resource } from '../core/resource.ts';

/** State of a reference: found; not found although its target kind was loaded; or target kind never loaded. */
export type RefState = 'resolved' | 'missing' | 'unknown';

/** A plain label map: `matchLabels`, a Service selector, pod-template labels. */
export type Labels = Readonly<Record<string, string>>;

/** A Kubernetes LabelSelector expression (`matchExpressions` item). */
export interface LabelExpression {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: readonly string[];
}

/** A label selector; an empty one (no labels, no expressions) selects everything in its scope. */
export interface Selector {
  labels: Labels;
  expressions: readonly LabelExpression[];
}

export interface ContainerPort {
  name: string;
  containerPort: number;
  protocol: string;
}

/** A string the workload passes to its process (env value, argument, command word): often a host it calls. */
export interface WorkloadString {
  pointer: string;
  value: string;
  /** The env variable name, for env values. */
  env?: string;
}

export interface Container {
  name: string;
  image: string;
  ports: readonly ContainerPort[];
  /** Env values, args and command words, with the pointer of each. */
  strings: readonly WorkloadString[];
  /** JSON pointer of the container object. */
  pointer: string;
  init: boolean;
}

/** Something that runs pods (or is a VM): the unit selectors pick. */
export interface Workload {
  /** The object that declares it (a synthetic object for the assumed ingress gateway). */
  resource: Resource;
  kind: string;
  namespace: string;
  name: string;
  /** Pod-template labels (WorkloadEntry: spec.labels; WorkloadGroup: spec.metadata.labels). */
  labels: Labels;
  /** Pod-template annotations. */
  annotations: Labels;
  /** '' when the pods use the namespace's `default` service account. */
  serviceAccount: string;
  containers: readonly Container[];
  /** The pod spec as written, or undefined for WorkloadEntry/WorkloadGroup. */
  podSpec: any;
  /** JSON pointer of the pod template ('' for a Pod, '/spec/template' for a Deployment…). */
  templatePointer: string;
  /** True for the ingress gateway pod assumed to exist (see MeshConfig `ingressControllerMode`). */
  synthetic: boolean;
}

export interface ServicePort {
  name: string;
  port: number;
  /** Service targetPort (number or port name); undefined when not written. */
  targetPort?: number | string;
  /** L4 protocol of a Service port (as written, '' when absent), or the ServiceEntry protocol. */
  protocol: string;
  appProtocol?: string;
  pointer: string;
}

/** A Kubernetes Service or a ServiceEntry: one entry of the service registry. */
export interface MeshService {
  resource: Resource;
  kind: 'Service' | 'ServiceEntry';
  namespace: string;
  name: string;
  /** Registry hosts: `name.ns.svc.<domain>` for a Service; the `hosts` of a ServiceEntry as written. */
  hosts: readonly string[];
  ports: readonly ServicePort[];
  /** Service `spec.selector` / ServiceEntry `workloadSelector.labels`; undefined when absent (no endpoints selected). */
  selector: Labels | undefined;
  /** Namespaces it is visible from: `*`, namespace names, `~` (none). Resolved from exportTo and MeshConfig defaults. */
  exportTo: readonly string[];
  synthetic: boolean;
}

/** One cross-reference: a field of a resource that names other objects. */
export interface Ref {
  kind: RefKind;
  from: Resource;
  /** JSON pointer of the referring field. */
  pointer: string;
  /** The reference as written (host, `ns/name`, subset name, selector text…). */
  value: string;
  state: RefState;
  /** The objects it resolves to (empty unless `resolved`). */
  targets: readonly Resource[];
}

export type RefKind =
  | 'destination-host'
  | 'destination-subset'
  | 'mirror-host'
  | 'mirror-subset'
  | 'delegate'
  | 'gateway'
  | 'destinationrule-host'
  | 'subset-workloads'
  | 'selector'
  | 'credential'
  | 'parent'
  | 'backend'
  | 'export-namespace';
