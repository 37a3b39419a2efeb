import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import type { Resource } from '../core/resource.ts';

/** A mesh configuration file that cannot be used: the run stops (exit 2). */
export class MeshConfigError extends Error {}

/** Where the effective MeshConfig came from. */
export type MeshConfigSource =
  | { kind: 'defaults' }
  | { kind: 'file'; file: string }
  | { kind: 'configmap' | 'istiooperator'; resource: Resource };

/** The effective MeshConfig: Istio's defaults with the user's settings laid over them. */
export interface MeshConfig {
  /** Namespace whose policies apply mesh-wide. */
  rootNamespace: string;
  /** Namespace of the control plane and the default ingress gateway. */
  istioNamespace: string;
  trustDomain: string;
  trustDomainAliases: readonly string[];
  /** Cluster DNS suffix of Kubernetes service hosts (`name.ns.svc.<suffix>`). */
  domainSuffix: string;
  defaultServiceExportTo: readonly string[];
  defaultVirtualServiceExportTo: readonly string[];
  defaultDestinationRuleExportTo: readonly string[];
  outboundTrafficPolicyMode: string;
  enableAutoMtls: boolean;
  ingressService: string;
  /** Value of the `istio` label of the default ingress gateway pods. */
  ingressSelector: string;
  ingressControllerMode: string;
  /** `defaultConfig.proxyMetadata`, merged over the defaults. */
  proxyMetadata: Readonly<Record<string, string>>;
  /** Top-level fields the user set explicitly (Kiali downgrades some findings only when ALLOW_ANY is explicit). */
  explicit: ReadonlySet<string>;
  /** The merged MeshConfig object (defaults + user fields). */
  raw: Readonly<Record<string, any>>;
  source: MeshConfigSource;
}

const DEFAULTS: Record<string, any> = {
  rootNamespace: 'istio-system',
  trustDomain: 'cluster.local',
  trustDomainAliases: [],
  defaultServiceExportTo: ['*'],
  defaultVirtualServiceExportTo: ['*'],
  defaultDestinationRuleExportTo: ['*'],
  outboundTrafficPolicy: { mode: 'ALLOW_ANY' },
  inboundTrafficPolicy: { mode: 'PASSTHROUGH' },
  enableAutoMtls: true,
  ingressService: 'istio-ingressgateway',
  ingressClass: 'istio',
  ingressControllerMode: 'STRICT',
  enableTracing: true,
  enablePrometheusMerge: true,
  connectTimeout: '10s',
  defaultConfig: { discoveryAddress: 'istiod.istio-system.svc:15012', proxyMetadata: {} },
  extensionProviders: [{ name: 'prometheus', prometheus: {} }, { name: 'stackdriver', stackdriver: {} }, { name: 'envoy', envoyFileAccessLog: { path: '/dev/stdout' } }],
  defaultProviders: {},
};

const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Lays user MeshConfig fields over the defaults the way istiod does: top-level fields replace, with three merges. */
export function mergeMeshConfig(user: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = { ...DEFAULTS };
  for (const [k, v] of Object.entries(user)) {
    if (v === null || v === undefined) continue;
    if (k === 'defaultConfig' && isMap(v)) {
      out.defaultConfig = { ...DEFAULTS.defaultConfig, ...v, proxyMetadata: { ...DEFAULTS.defaultConfig.proxyMetadata, ...(isMap(v.proxyMetadata) ? v.proxyMetadata : {}) } };
    } else if (k === 'extensionProviders' && Array.isArray(v)) {
      const byName = new Map<string, any>(DEFAULTS.extensionProviders.map((p: any) => [p.name, p]));
      for (const p of v) if (isMap(p) && typeof p.name === 'string') byName.set(p.name, p);
      out.extensionProviders = [...byName.values()];
    } else if (k === 'trustDomainAliases') {
      out.trustDomainAliases = [...new Set(strings(v))].sort();
    } else {
      out[k] = v;
    }
  }
  return out;
}

export function meshConfigView(user: Record<string, any>, source: MeshConfigSource, istioNamespace = 'istio-system'): MeshConfig {
  const raw = mergeMeshConfig(user);
  const str = (k: string, d: string) => (typeof raw[k] === 'string' && raw[k] !== '' ? raw[k] : d);
  const ingressService = str('ingressService', 'istio-ingressgateway');
  const exportTo = (k: string) => (strings(raw[k]).length ? strings(raw[k]) : ['*']);
  const md: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw.defaultConfig?.proxyMetadata ?? {})) if (typeof v === 'string') md[k] = v;
  return {
    rootNamespace: str('rootNamespace', 'istio-system'),
    istioNamespace,
    trustDomain: str('trustDomain', 'cluster.local'),
    trustDomainAliases: strings(raw.trustDomainAliases),
    domainSuffix: 'cluster.local',
    defaultServiceExportTo: exportTo('defaultServiceExportTo'),
    defaultVirtualServiceExportTo: exportTo('defaultVirtualServiceExportTo'),
    defaultDestinationRuleExportTo: exportTo('defaultDestinationRuleExportTo'),
    outboundTrafficPolicyMode: typeof raw.outboundTrafficPolicy?.mode === 'string' ? raw.outboundTrafficPolicy.mode : 'ALLOW_ANY',
    enableAutoMtls: raw.enableAutoMtls !== false,
    ingressService,
    ingressSelector: str('ingressSelector', ingressService === 'istio-ingressgateway' ? 'ingressgateway' : ingressService),
    ingressControllerMode: str('ingressControllerMode', 'STRICT'),
    proxyMetadata: md,
    explicit: new Set(Object.keys(user)),
    raw,
    source,
  };
}

/** Reads a MeshConfig document: plain MeshConfig, the `istio` ConfigMap (key `mesh`) or an IstioOperator. */
export function meshConfigFromDocument(doc: unknown, where: string): Record<string, any> {
  if (doc === null || doc === undefined) return {};
  if (!isMap(doc)) throw new MeshConfigError(`${where}: a MeshConfig must be a mapping`);
  if (doc.kind === 'ConfigMap') {
    const text = doc.data?.mesh;
    if (text === undefined) return {};
    if (typeof text !== 'string') throw new MeshConfigError(`${where}: data.mesh must be a string holding the MeshConfig YAML`);
    return meshConfigFromDocument(parseYaml(text, `${where} (data.mesh)`), `${where} (data.mesh)`);
  }
  if (doc.kind === 'IstioOperator') return isMap(doc.spec?.meshConfig) ? doc.spec.meshConfig : {};
  return doc;
}

export function loadMeshConfigFile(file: string): Record<string, any> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e: any) {
    throw new MeshConfigError(`--mesh-config ${file}: ${e?.code === 'ENOENT' ? 'file not found' : e?.message ?? e}`);
  }
  return meshConfigFromDocument(parseYaml(text, file), file);
}

/** The raw MeshNetworks document of --mesh-networks, or undefined. */
export function loadMeshNetworksFile(file: string): Record<string, any> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e: any) {
    throw new MeshConfigError(`--mesh-networks ${file}: ${e?.code === 'ENOENT' ? 'file not found' : e?.message ?? e}`);
  }
  const doc = parseYaml(text, file);
  if (isMap(doc) && doc.kind === 'ConfigMap') return isMap(doc.data) && typeof doc.data.meshNetworks === 'string' ? (parseYaml(doc.data.meshNetworks, file) as any) ?? {} : {};
  return isMap(doc) ? doc : {};
}

function parseYaml(text: string, where: string): unknown {
  try {
    return load(text);
  } catch (e: any) {
    throw new MeshConfigError(`${where}: not valid YAML: ${e?.reason ?? e?.message ?? e}`);
  }
}

/**
 * The mesh config among the inputs: the `istio` ConfigMap (key `mesh`) in the Istio namespace, else an
 * IstioOperator's `spec.meshConfig`. A --mesh-config file takes precedence over both.
 */
export function findMeshConfigResource(configMaps: readonly Resource[], operators: readonly Resource[]): { resource: Resource; kind: 'configmap' | 'istiooperator' } | undefined {
  const cm = configMaps.find((r) => r.name === 'istio' && typeof r.object?.data?.mesh === 'string');
  if (cm) return { resource: cm, kind: 'configmap' };
  const op = operators.find((r) => isMap(r.object?.spec?.meshConfig));
  return op ? { resource: op, kind: 'istiooperator' } : undefined;
}
