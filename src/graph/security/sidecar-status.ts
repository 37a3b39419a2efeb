import type { Resource } from '../../core/resource.ts';
import type { MeshGraph } from '../index.ts';
import type { Container, Workload } from '../types.ts';
import type { Injector } from './injector.ts';

/** Whether a workload's traffic goes through an Istio proxy: known yes, known no, or not knowable from the inputs. */
export type MeshMembership = 'in' | 'out' | 'unknown';

/** How a workload takes part in the mesh. */
export type DataplaneMode = 'sidecar' | 'ambient' | 'gateway' | 'vm' | 'control-plane' | 'none';

/** The field that decides a status (a namespace label, a pod-template label, the istio-proxy container…). */
export interface Evidence {
  resource: Resource;
  pointer: string;
}

export interface SidecarStatus {
  state: MeshMembership;
  mode: DataplaneMode;
  /** Why, in words: `namespace "batch" has no istio-injection label`. */
  reason: string;
  evidence?: Evidence;
}

/** What a namespace's labels (and the injector defaults) say about its pods. */
export interface NamespaceInjection {
  namespace: string;
  /** The Namespace object, when loaded. */
  resource?: Resource;
  /** sidecar: injected; ambient; disabled: labelled off; none: declared without labels; unknown: no Namespace object. */
  mode: 'sidecar' | 'ambient' | 'disabled' | 'none' | 'unknown';
  /** `istio.io/rev` value, when the namespace selects a revision. */
  revision?: string;
  /** Injected only because the injector has enableNamespacesByDefault. */
  byDefault?: boolean;
  evidence?: Evidence;
}

const INJECT = 'sidecar.istio.io/inject';
const CONTROL_PLANE_APPS = new Set(['istiod', 'istio-cni-node', 'ztunnel', 'istio-operator', 'istio-cni']);
const CONTROL_PLANE_ISTIO = new Set(['pilot', 'citadel', 'galley', 'sidecar-injector', 'mixer', 'operator', 'istiod']);
const lower = (v: string | undefined) => v?.toLowerCase();
const labelPointer = (w: Workload, key: string, annotation = false) =>
  `${w.templatePointer || ''}/metadata/${annotation ? 'annotations' : 'labels'}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;

export function namespaceInjection(g: MeshGraph, injector: Injector, ns: string): NamespaceInjection {
  const info = g.namespaces.get(ns);
  if (!info?.resource) return { namespace: ns, mode: 'unknown' };
  const r = info.resource;
  const at = (key: string): Evidence => ({ resource: r, pointer: `/metadata/labels/${key.replace(/\//g, '~1')}` });
  const labels = info.labels;
  const inj = labels['istio-injection'];
  const rev = labels['istio.io/rev'];
  if (inj === 'enabled') return { namespace: ns, resource: r, mode: 'sidecar', evidence: at('istio-injection') };
  // Istio's webhooks match `istio-injection In [enabled]` or require the label absent: any other value turns injection off.
  if (inj) return { namespace: ns, resource: r, mode: 'disabled', evidence: at('istio-injection') };
  if (rev !== undefined) return { namespace: ns, resource: r, mode: 'sidecar', revision: rev, evidence: at('istio.io/rev') };
  if (labels['istio.io/dataplane-mode'] === 'ambient') return { namespace: ns, resource: r, mode: 'ambient', evidence: at('istio.io/dataplane-mode') };
  const byDefault = ns !== g.mesh.istioNamespace ? injector.enableNamespacesByDefault() : undefined;
  if (byDefault?.value) return { namespace: ns, resource: r, mode: 'sidecar', byDefault: true, evidence: { resource: byDefault.resource, pointer: '/data/values' } };
  return { namespace: ns, resource: r, mode: 'none', evidence: { resource: r, pointer: '/metadata/name' } };
}

/** The `istio-proxy` container, if the pod template declares one. */
export function proxyContainer(w: Workload): Container | undefined {
  return w.containers.find((c) => c.name === 'istio-proxy');
}

/** A Pod read back from a cluster (it has a uid or a status): injection already happened, or did not. */
export function livePod(w: Workload): boolean {
  return w.kind === 'Pod' && (!!w.resource.object?.metadata?.uid || w.resource.object?.status !== undefined);
}

/** Istiod, CNI, ztunnel: Istio's own components, which run without a sidecar by design. */
export function isControlPlane(w: Workload): boolean {
  return CONTROL_PLANE_APPS.has(w.labels.app ?? '') || CONTROL_PLANE_ISTIO.has(w.labels.istio ?? '');
}

/** A gateway proxy deployment: the istio-proxy container is the pod's application (or the gateway template is injected). */
function isGatewayProxy(w: Workload, proxy: Container): boolean {
  if ((w.annotations['inject.istio.io/templates'] ?? '').split(',').includes('gateway')) return true;
  if (w.labels['gateway.networking.k8s.io/gateway-name'] || w.labels['gateway.istio.io/managed']) return true;
  return !w.containers.some((c) => c !== proxy && !c.init);
}

/**
 * The sidecar status of a workload, as the injector would decide it for its pods: an explicit istio-proxy
 * container; `hostNetwork`; the namespace label (`istio-injection=disabled` wins over everything); the pod label
 * `sidecar.istio.io/inject` (which wins over the deprecated annotation); `istio-injection=enabled` / `istio.io/rev`;
 * injector defaults; ambient labels. A namespace without a Namespace object in the inputs leaves it unknown.
 */
export function sidecarStatus(w: Workload, nsOf: (ns: string) => NamespaceInjection): SidecarStatus {
  if (w.synthetic) return { state: 'in', mode: 'gateway', reason: 'the default ingress gateway is assumed to run an Istio proxy' };
  if (w.kind === 'WorkloadEntry' || w.kind === 'WorkloadGroup') return { state: 'in', mode: 'vm', reason: `${w.kind} describes a VM running an Istio proxy` };
  if (isControlPlane(w)) return { state: 'out', mode: 'control-plane', reason: 'Istio control-plane component' };
  const proxy = proxyContainer(w);
  const proxyAt = (): Evidence | undefined => (proxy ? { resource: w.resource, pointer: `${proxy.pointer}/image` } : undefined);
  if (proxy && proxy.image && proxy.image !== 'auto') {
    return { state: 'in', mode: isGatewayProxy(w, proxy) ? 'gateway' : 'sidecar', reason: 'declares an istio-proxy container', evidence: proxyAt() };
  }
  const injectedMode: DataplaneMode = proxy && isGatewayProxy(w, proxy) ? 'gateway' : 'sidecar';
  if (w.podSpec?.hostNetwork === true) return { state: 'out', mode: 'none', reason: 'pods on the host network are never injected', evidence: { resource: w.resource, pointer: `${w.templatePointer}/spec/hostNetwork` } };
  const ns = nsOf(w.namespace);
  const podLabel = lower(w.labels[INJECT]);
  const podAnno = lower(w.annotations[INJECT]);
  const optOut = podLabel === 'false' || (podLabel === undefined && podAnno === 'false');
  if (ns.mode === 'disabled') return shared(ns, 'disabled', () => ({ state: 'out', mode: 'none', reason: `namespace "${ns.namespace}" has injection disabled`, evidence: ns.evidence }));
  if (optOut) return { state: 'out', mode: 'none', reason: `the pod template sets ${INJECT}: "false"`, evidence: { resource: w.resource, pointer: labelPointer(w, INJECT, podLabel === undefined) } };
  if (ns.mode === 'sidecar') {
    return shared(ns, injectedMode, () => {
      const why = ns.byDefault ? 'the injector injects every namespace by default' : ns.revision !== undefined ? `namespace "${ns.namespace}" has istio.io/rev=${ns.revision}` : `namespace "${ns.namespace}" has istio-injection=enabled`;
      return { state: 'in', mode: injectedMode, reason: why, evidence: ns.evidence };
    });
  }
  if (podLabel === 'true') return { state: 'in', mode: injectedMode, reason: `the pod template sets ${INJECT}: "true"`, evidence: { resource: w.resource, pointer: labelPointer(w, INJECT) } };
  if (w.labels['istio.io/rev']) return { state: 'in', mode: injectedMode, reason: `the pod template selects revision ${w.labels['istio.io/rev']}`, evidence: { resource: w.resource, pointer: labelPointer(w, 'istio.io/rev') } };
  const podMode = w.labels['istio.io/dataplane-mode'];
  if ((ns.mode === 'ambient' && podMode !== 'none') || podMode === 'ambient' || w.annotations['ambient.istio.io/redirection'] === 'enabled') {
    return { state: 'in', mode: 'ambient', reason: ns.mode === 'ambient' && podMode !== 'ambient' ? `namespace "${ns.namespace}" is in ambient mode` : 'the pod template is in ambient mode', evidence: ns.mode === 'ambient' ? ns.evidence : undefined };
  }
  if (proxy) return ns.mode === 'unknown' ? unknown(ns) : { state: 'out', mode: 'gateway', reason: '`image: auto` is only replaced by injection, and nothing injects this pod', evidence: proxyAt() };
  if (ns.mode === 'unknown') return unknown(ns);
  return shared(ns, 'out', () => ({ state: 'out', mode: 'none', reason: ns.mode === 'ambient' ? 'the pod template opts out of ambient mode' : `namespace "${ns.namespace}" has no istio-injection label`, evidence: ns.evidence }));
}

function unknown(ns: NamespaceInjection): SidecarStatus {
  return shared(ns, 'unknown', () => ({ state: 'unknown', mode: 'none', reason: `no Namespace object for "${ns.namespace}" among the inputs, so its injection labels are unknown` }));
}

// Statuses decided by the namespace alone are the same object for all its workloads (a large mesh has many).
const byNamespace = new WeakMap<NamespaceInjection, Map<string, SidecarStatus>>();
function shared(ns: NamespaceInjection, key: string, make: () => SidecarStatus): SidecarStatus {
  let m = byNamespace.get(ns);
  if (!m) byNamespace.set(ns, (m = new Map()));
  let s = m.get(key);
  if (!s) m.set(key, (s = make()));
  return s;
}
