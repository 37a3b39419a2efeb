import type { Resource } from '../core/resource.ts';
import { coveringWildcards, declaredExportTo, exportScopes, fqdn } from './hosts.ts';
import { labelMap, push } from './labels.ts';
import type { MeshConfig } from './mesh-config.ts';
import type { MeshService, ServicePort } from './types.ts';

const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The registry entry of a Kubernetes Service. */
export function serviceOf(r: Resource, mesh: MeshConfig, synthetic = false): MeshService {
  const spec = isMap(r.object?.spec) ? r.object.spec : {};
  const ports: ServicePort[] = [];
  if (Array.isArray(spec.ports)) {
    spec.ports.forEach((p: any, i: number) => {
      if (!isMap(p) || typeof p.port !== 'number') return;
      const port: ServicePort = { name: typeof p.name === 'string' ? p.name : '', port: p.port, protocol: typeof p.protocol === 'string' ? p.protocol : '', pointer: `/spec/ports/${i}` };
      if (typeof p.targetPort === 'number' || typeof p.targetPort === 'string') port.targetPort = p.targetPort;
      if (typeof p.appProtocol === 'string') port.appProtocol = p.appProtocol;
      ports.push(port);
    });
  }
  return {
    resource: r,
    kind: 'Service',
    namespace: r.namespace,
    name: r.name,
    hosts: [`${r.name}.${r.namespace}.svc.${mesh.domainSuffix}`],
    ports,
    selector: isMap(spec.selector) ? labelMap(spec.selector) : undefined,
    exportTo: exportScopes(declaredExportTo(undefined, r.annotations), r.namespace, mesh.defaultServiceExportTo),
    synthetic,
  };
}

/** The registry entry of a ServiceEntry. */
export function serviceEntryOf(r: Resource, mesh: MeshConfig): MeshService {
  const spec = isMap(r.object?.spec) ? r.object.spec : {};
  const hosts = Array.isArray(spec.hosts) ? spec.hosts.filter((h: unknown): h is string => typeof h === 'string') : [];
  const ports: ServicePort[] = [];
  if (Array.isArray(spec.ports)) {
    spec.ports.forEach((p: any, i: number) => {
      if (!isMap(p) || typeof p.number !== 'number') return;
      const port: ServicePort = { name: typeof p.name === 'string' ? p.name : '', port: p.number, protocol: typeof p.protocol === 'string' ? p.protocol : '', pointer: `/spec/ports/${i}` };
      if (typeof p.targetPort === 'number') port.targetPort = p.targetPort;
      ports.push(port);
    });
  }
  return {
    resource: r,
    kind: 'ServiceEntry',
    namespace: r.namespace,
    name: r.name,
    hosts: hosts.map((h: string) => fqdn(h, r.namespace, mesh.domainSuffix)),
    ports,
    selector: isMap(spec.workloadSelector) ? labelMap(spec.workloadSelector.labels) : undefined,
    exportTo: exportScopes(declaredExportTo(spec, {}), r.namespace, mesh.defaultServiceExportTo),
    synthetic: false,
  };
}

/**
 * Every host of every Service and ServiceEntry, keyed by host (exact and wildcard apart), so a lookup costs
 * a few map reads: the exact host, then each wildcard that could cover it.
 */
export class HostRegistry {
  private readonly exact = new Map<string, MeshService[]>();
  private readonly wildcard = new Map<string, MeshService[]>();
  private readonly byName = new Map<string, MeshService>();
  /** lookup() answers by (host, namespace, exportTo, suffix): the same hosts are resolved by many rules. */
  private readonly answers = new Map<string, readonly MeshService[]>();
  readonly services: MeshService[] = [];

  add(s: MeshService): void {
    this.answers.clear();
    this.services.push(s);
    if (s.kind === 'Service') this.byName.set(`${s.namespace}/${s.name}`, s);
    for (const h of new Set(s.hosts)) push(h.startsWith('*') ? this.wildcard : this.exact, h, s);
  }

  /** The Kubernetes Service `ns/name`. */
  service(namespace: string, name: string): MeshService | undefined {
    return this.byName.get(`${namespace}/${name}`);
  }

  /** Entries whose host is exactly `host` (an FQDN or wildcard as written), whatever their visibility. */
  withHost(host: string): readonly MeshService[] {
    return (host.startsWith('*') ? this.wildcard.get(host) : this.exact.get(host)) ?? [];
  }

  /**
   * The services host `host`, written in namespace `ns`, reaches: the exact FQDN visible from `ns`, else
   * wildcard ServiceEntry hosts covering it. `exportTo` of the referring object narrows which namespaces'
   * private entries it may use (a VirtualService exported elsewhere is applied there, not in `ns`).
   */
  lookup(host: string, ns: string, exportTo?: readonly string[], suffix = 'cluster.local'): MeshService[] {
    const key = exportTo && exportTo.length ? `${host}\0${ns}\0${suffix}\0${exportTo.join('\0')}` : `${host}\0${ns}\0${suffix}`;
    let answer = this.answers.get(key);
    if (!answer) this.answers.set(key, (answer = this.find(host, ns, exportTo, suffix)));
    return answer.slice();
  }

  private find(host: string, ns: string, exportTo: readonly string[] | undefined, suffix: string): MeshService[] {
    const full = fqdn(host, ns, suffix);
    const seeFrom = exportTo && exportTo.length ? exportTo.map((e) => (e === '.' ? ns : e)) : [ns];
    const out: MeshService[] = [];
    for (const s of this.exact.get(full) ?? []) if (s.exportTo.includes('*') || seeFrom.some((e) => s.exportTo.includes(e))) out.push(s);
    if (!this.wildcard.size) return out;
    for (const w of coveringWildcards(full)) {
      for (const s of this.wildcard.get(w) ?? []) if ((s.exportTo.includes('*') || s.exportTo.includes(ns)) && !out.includes(s)) out.push(s);
    }
    return out;
  }
}
