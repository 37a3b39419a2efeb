import type { Resource } from '../core/resource.ts';
import type { Catalog, KindEntry } from './catalog.ts';
import type { Finding } from './finding.ts';
import { closestName } from './suggest.ts';
import type { InputCrd } from './custom.ts';

const DEPRECATION = { istio: 'IST0002', istioAnalyzer: 'deprecation.DeprecationAnalyzer' };

// Kinds and groups Istio stopped serving, with what replaced them.
const ISTIO_REMOVED: Record<string, string> = {
  'rbac.istio.io': 'security.istio.io/v1 AuthorizationPolicy (rbac.istio.io was removed in Istio 1.6)',
  'authentication.istio.io': 'security.istio.io/v1 PeerAuthentication or RequestAuthentication (authentication.istio.io was removed in Istio 1.6)',
  'config.istio.io': 'Telemetry, WasmPlugin or EnvoyFilter (Mixer and its config.istio.io kinds were removed in Istio 1.8)',
  'policy.istio.io': 'Telemetry, WasmPlugin or EnvoyFilter (Mixer policy was removed in Istio 1.8)',
};
const ISTIO_REMOVED_KINDS: Record<string, string> = {
  RouteRule: 'networking.istio.io/v1 VirtualService',
  DestinationPolicy: 'networking.istio.io/v1 DestinationRule',
  EgressRule: 'networking.istio.io/v1 ServiceEntry',
  Policy: 'security.istio.io/v1 PeerAuthentication or RequestAuthentication',
  MeshPolicy: 'a security.istio.io/v1 PeerAuthentication in the root namespace',
  ClusterRbacConfig: 'security.istio.io/v1 AuthorizationPolicy',
  RbacConfig: 'security.istio.io/v1 AuthorizationPolicy',
  ServiceRole: 'security.istio.io/v1 AuthorizationPolicy',
  ServiceRoleBinding: 'security.istio.io/v1 AuthorizationPolicy',
};
const RBAC_CRD_KINDS = new Set(['ClusterRbacConfig', 'RbacConfig', 'ServiceRole', 'ServiceRoleBinding']);

// Kubernetes API versions removed from the API server (kubectl apply fails with "no matches for kind").
const K8S_REMOVED = new Set([
  'extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2', 'networking.k8s.io/v1beta1', 'policy/v1beta1', 'batch/v1beta1',
  'autoscaling/v2beta1', 'autoscaling/v2beta2', 'admissionregistration.k8s.io/v1beta1', 'apiextensions.k8s.io/v1beta1',
  'rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1', 'discovery.k8s.io/v1beta1', 'scheduling.k8s.io/v1beta1',
  'storage.k8s.io/v1beta1', 'coordination.k8s.io/v1beta1', 'certificates.k8s.io/v1beta1', 'events.k8s.io/v1beta1', 'node.k8s.io/v1beta1',
]);
const K8S_DEPRECATED: Record<string, string> = { 'v1 Endpoints': 'discovery.k8s.io/v1 EndpointSlice' };

export interface ApiIndex {
  catalog: Catalog;
  /** `apiVersion kind` pairs declared by CustomResourceDefinitions in the input. */
  crdKinds: Set<string>;
  crdGroups: Set<string>;
  kindsByGroup: Map<string, Set<string>>;
  versionsByGroupKind: Map<string, Set<string>>;
}

export function apiIndex(catalog: Catalog, crds: readonly InputCrd[]): ApiIndex {
  const crdKinds = new Set<string>();
  const crdGroups = new Set<string>();
  for (const crd of crds) {
    crdGroups.add(crd.group);
    for (const v of crd.versions) if (typeof v?.name === 'string') crdKinds.add(`${crd.group}/${v.name} ${crd.kind}`);
  }
  const kindsByGroup = new Map<string, Set<string>>();
  const versionsByGroupKind = new Map<string, Set<string>>();
  for (const key of Object.keys(catalog.kinds)) {
    const [apiVersion, kind] = key.split(' ');
    const slash = apiVersion.lastIndexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = apiVersion.slice(slash + 1);
    if (!kindsByGroup.has(group)) kindsByGroup.set(group, new Set());
    kindsByGroup.get(group)!.add(kind);
    const gk = `${group} ${kind}`;
    if (!versionsByGroupKind.has(gk)) versionsByGroupKind.set(gk, new Set());
    if (!catalog.kinds[key].removed) versionsByGroupKind.get(gk)!.add(version);
  }
  return { catalog, crdKinds, crdGroups, kindsByGroup, versionsByGroupKind };
}

type Template = Omit<Finding, 'resource'>;

/**
 * removed-api, deprecated-api and unknown-kind findings. What depends only on apiVersion and kind is worked
 * out once per pair, so a repository of thousands of Deployments pays one lookup each.
 */
export function apiChecker(idx: ApiIndex): (r: Resource, entry: KindEntry | undefined, out: Finding[]) => void {
  const verdicts = new Map<string, Map<string, Template[]>>();
  return (r, entry, out) => {
    let byKind = verdicts.get(r.apiVersion);
    if (!byKind) verdicts.set(r.apiVersion, (byKind = new Map()));
    let v = byKind.get(r.kind);
    if (!v) byKind.set(r.kind, (v = typeFindings(r, entry, idx)));
    for (const t of v) out.push({ ...t, resource: r });
    if (r.kind === 'CustomResourceDefinition') removedRbacCrd(r, out);
    else if (r.group === 'networking.istio.io' && (r.kind === 'VirtualService' || r.kind === 'Sidecar')) deprecatedFields(r, out);
  };
}

function typeFindings(r: Resource, entry: KindEntry | undefined, idx: ApiIndex): Template[] {
  const key = `${r.apiVersion} ${r.kind}`;
  const removed = removedReplacement(r, entry, idx);
  if (removed) {
    const what = removed.istio ? 'was removed from Istio: it has no effect' : 'is no longer served: the API server rejects it';
    return [{ ruleId: 'removed-api', pointer: '/apiVersion', message: `${r.apiVersion} ${r.kind} ${what}; use ${removed.use}`, fix: `Rewrite it as ${removed.use}.` }];
  }
  const out: Template[] = [];
  if (entry?.deprecated || K8S_DEPRECATED[key]) {
    const use = entry?.deprecated ? `${entry.deprecated} ${r.kind}` : K8S_DEPRECATED[key];
    out.push({ ruleId: 'deprecated-api', pointer: '/apiVersion', message: `${r.apiVersion} ${r.kind} is deprecated: use ${use}`, fix: `Change apiVersion to ${use.split(' ')[0]}.` });
  }
  if (!entry && !idx.crdKinds.has(key)) {
    const u = unknownKind(r, idx);
    if (u) out.push(u);
  }
  return out;
}

function removedRbacCrd(r: Resource, out: Finding[]): void {
  const spec = r.object.spec;
  if (spec?.group !== 'rbac.istio.io' || !RBAC_CRD_KINDS.has(spec?.names?.kind)) return;
  out.push({ ruleId: 'removed-api', resource: r, pointer: '/spec/names/kind', severity: 'warning', codes: DEPRECATION, message: `Custom resource type rbac.istio.io ${spec.names.kind} is removed: Istio no longer reads it; use security.istio.io/v1 AuthorizationPolicy` });
}

function removedReplacement(r: Resource, entry: KindEntry | undefined, idx: ApiIndex): { use: string; istio?: boolean } | undefined {
  if (entry?.removed) return { use: typeof entry.removed === 'string' ? `${entry.removed} ${r.kind}` : 'a served version' };
  if (entry) return undefined;
  // Istio ignores these even where an old CRD still makes the API server accept them.
  if (ISTIO_REMOVED[r.group]) return { use: ISTIO_REMOVED_KINDS[r.kind] ?? ISTIO_REMOVED[r.group], istio: true };
  if (r.group.endsWith('istio.io') && ISTIO_REMOVED_KINDS[r.kind]) return { use: ISTIO_REMOVED_KINDS[r.kind], istio: true };
  if (idx.crdGroups.has(r.group)) return undefined;
  const use = k8sReplacement(r, idx);
  return use ? { use } : undefined;
}

function k8sReplacement(r: Resource, idx: ApiIndex): string | undefined {
  if (K8S_REMOVED.has(r.apiVersion)) {
    for (const [group, kinds] of idx.kindsByGroup) {
      if (!kinds.has(r.kind)) continue;
      const versions = [...(idx.versionsByGroupKind.get(`${group} ${r.kind}`) ?? [])];
      if (versions.length && (group === r.group || !idx.kindsByGroup.get(r.group)?.has(r.kind))) return `${group ? `${group}/` : ''}${versions.sort()[0]} ${r.kind}`;
    }
    return 'its replacement API';
  }
  return undefined;
}

/** Fields istioctl's deprecation analyzer reports (IST0002). */
function deprecatedFields(r: Resource, out: Finding[]): void {
  const spec = r.object.spec;
  if (r.kind === 'VirtualService' && Array.isArray(spec?.http)) {
    spec.http.forEach((h: any, i: number) => {
      const p = h?.fault?.delay?.percent;
      if (typeof p === 'number' && p > 0) out.push({ ruleId: 'deprecated-api', resource: r, pointer: `/spec/http/${i}/fault/delay/percent`, severity: 'warning', codes: DEPRECATION, discriminator: `percent-${i}`, message: 'fault.delay.percent is deprecated: use fault.delay.percentage.value', fix: `Write percentage: {value: ${p}} instead.` });
    });
  }
  if (r.kind === 'Sidecar' && spec?.outboundTrafficPolicy?.egressProxy !== undefined) {
    out.push({ ruleId: 'deprecated-api', resource: r, pointer: '/spec/outboundTrafficPolicy/egressProxy', key: true, severity: 'warning', codes: DEPRECATION, message: 'outboundTrafficPolicy.egressProxy is deprecated and ignored by Istio' });
  }
}

function unknownKind(r: Resource, idx: ApiIndex): Template | undefined {
  const kinds = idx.kindsByGroup.get(r.group);
  const report = (pointer: string, message: string): Template => ({ ruleId: 'unknown-kind', pointer, message });
  if (!kinds) {
    // A group nobody knows is a third-party CRD unless it is one typo away from a known group.
    const g = closestName(r.group, idx.catalog.groups.filter(Boolean), false);
    return g ? report('/apiVersion', `Unknown API group "${r.group}"; did you mean "${g}"? The API server would not find kind ${r.kind}`) : undefined;
  }
  if (kinds.has(r.kind)) {
    const versions = [...(idx.versionsByGroupKind.get(`${r.group} ${r.kind}`) ?? [])].sort();
    const v = closestName(r.version, versions, false) ?? versions[versions.length - 1];
    return report('/apiVersion', `${r.group || 'The core group'} does not serve ${r.kind} at version "${r.version}"${v ? `; did you mean "${r.group ? `${r.group}/` : ''}${v}"?` : ''} (served: ${versions.join(', ')})`);
  }
  const k = closestName(r.kind, kinds) ?? closestName(r.kind, [...idx.kindsByGroup.values()].flatMap((s) => [...s]));
  return report('/kind', `Unknown kind "${r.kind}" in ${r.apiVersion}${k ? `; did you mean "${k}"?` : ''}`);
}
