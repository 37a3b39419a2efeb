import type { Resource } from '../core/resource.ts';
import type { MeshGraph } from './index.ts';
import { GATEWAY_API } from './gateways.ts';
import { labelSelector, mapSelector, push, selectorText } from './labels.ts';
import { refState, resolveGateway, resolveHost, resolveSelector, resolveSubset, resolveSubsetWorkloads } from './resolve.ts';
import type { Ref, RefKind, RefState, Selector } from './types.ts';

/** Istio kinds whose `selector.matchLabels` picks the workloads they apply to (mesh-wide from the root namespace). */
const POLICY_KINDS = ['PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication', 'Telemetry', 'WasmPlugin'];

/** Every reference in the inputs as an edge, indexed by source, target and kind. */
export class RefIndex {
  readonly all: Ref[] = [];
  private readonly bySource = new Map<Resource, Ref[]>();
  private readonly byTarget = new Map<Resource, Ref[]>();
  private readonly byKind = new Map<RefKind, Ref[]>();

  constructor(private readonly g: MeshGraph) {
    this.routing();
    this.selectors();
    this.gatewayApi();
    this.exports();
  }

  from(r: Resource): readonly Ref[] {
    return this.bySource.get(r) ?? [];
  }

  to(r: Resource): readonly Ref[] {
    return this.byTarget.get(r) ?? [];
  }

  ofKind(kind: RefKind): readonly Ref[] {
    return this.byKind.get(kind) ?? [];
  }

  private add(kind: RefKind, from: Resource, pointer: string, value: string, state: RefState, targets: readonly Resource[]): void {
    const ref: Ref = { kind, from, pointer, value, state, targets };
    this.all.push(ref);
    push(this.bySource, from, ref);
    push(this.byKind, kind, ref);
    for (const t of new Set(targets)) push(this.byTarget, t, ref);
  }

  private routing(): void {
    const g = this.g;
    for (const vs of g.routing.virtualServices) {
      for (const d of vs.destinations) {
        const host = resolveHost(g, d.host, vs.namespace, vs.exportTo);
        this.add(d.mirror ? 'mirror-host' : 'destination-host', vs.resource, `${d.pointer}/host`, d.host, host.state, host.targets.map((s) => s.resource));
        if (d.subset === undefined) continue;
        const sub = resolveSubset(g, d);
        this.add(d.mirror ? 'mirror-subset' : 'destination-subset', vs.resource, `${d.pointer}/subset`, d.subset, sub.state, sub.targets.map((dr) => dr.resource));
      }
      for (const ref of vs.gateways) {
        if (ref.value === 'mesh') continue;
        const gw = resolveGateway(g, ref.value, vs.namespace);
        this.add('gateway', vs.resource, ref.pointer, ref.value, gw.state, gw.targets.map((t) => t.gateway.resource));
      }
      for (const del of vs.delegates) {
        const target = g.resources.get('networking.istio.io', 'VirtualService', del.namespace, del.name);
        this.add('delegate', vs.resource, del.pointer, `${del.namespace}/${del.name}`, refState(!!target, true, g.namespaces.has(del.namespace)), target ? [target] : []);
      }
    }
    for (const dr of g.routing.destinationRules) {
      if (!dr.host.startsWith('*')) {
        const host = resolveHost(g, dr.host, dr.namespace, dr.exportTo);
        this.add('destinationrule-host', dr.resource, '/spec/host', dr.host, host.state, host.targets.map((s) => s.resource));
      }
      for (const s of dr.subsets) {
        const w = resolveSubsetWorkloads(g, dr, s);
        if (w && !w.endpointLabels) this.add('subset-workloads', dr.resource, `${s.pointer}/labels`, selectorText({ ...w.service.selector, ...s.labels }), w.state, w.targets.map((x) => x.resource));
      }
    }
  }

  private selector(from: Resource, pointer: string, sel: Selector, ns: string | undefined): void {
    const res = resolveSelector(this.g, sel, ns);
    this.add('selector', from, pointer, selectorText(sel.labels), res.state, res.targets.map((w) => w.resource));
  }

  private selectors(): void {
    const g = this.g;
    for (const gw of g.gateways.istio) this.selector(gw.resource, '/spec/selector', mapSelector(gw.selector), undefined);
    for (const s of g.services.all()) {
      if (s.kind === 'Service' && s.selector && Object.keys(s.selector).length && !s.synthetic) this.selector(s.resource, '/spec/selector', mapSelector(s.selector), s.namespace);
    }
    for (const r of g.resources.ofKind('Sidecar', 'networking.istio.io')) {
      const labels = r.object?.spec?.workloadSelector?.labels;
      if (labels && typeof labels === 'object' && Object.keys(labels).length) this.selector(r, '/spec/workloadSelector/labels', mapSelector(labels), r.namespace);
    }
    for (const kind of POLICY_KINDS) {
      for (const r of g.resources.ofKind(kind)) {
        const sel = r.object?.spec?.selector;
        if (!sel || typeof sel !== 'object') continue;
        this.selector(r, '/spec/selector', labelSelector(sel), r.namespace === g.mesh.rootNamespace ? undefined : r.namespace);
      }
    }
  }

  private gatewayApi(): void {
    const g = this.g;
    for (const route of g.gatewayApi.routes) {
      for (const p of route.parents) {
        if (p.group !== GATEWAY_API || p.kind !== 'Gateway') continue;
        const gw = g.gateways.kubeGateway(p.namespace, p.name);
        this.add('parent', route.resource, p.pointer, `${p.namespace}/${p.name}`, refState(!!gw, g.gateways.kubeLoaded, g.namespaces.has(p.namespace)), gw ? [gw.resource] : []);
      }
      for (const rule of route.rules) {
        for (const b of rule.backends) {
          if (b.group !== '' || b.kind !== 'Service') continue;
          const svc = g.services.registry.service(b.namespace, b.name);
          this.add('backend', route.resource, b.pointer, `${b.namespace}/${b.name}`, refState(!!svc && !svc.synthetic, g.services.servicesLoaded, g.namespaces.has(b.namespace)), svc ? [svc.resource] : []);
        }
      }
    }
  }

  private exports(): void {
    const g = this.g;
    const kinds = [...g.routing.virtualServices, ...g.routing.destinationRules];
    for (const x of kinds) this.exportRefs(x.resource, x.exportTo);
    for (const r of g.resources.ofKind('ServiceEntry', 'networking.istio.io')) {
      const list = r.object?.spec?.exportTo;
      if (Array.isArray(list)) this.exportRefs(r, list.filter((e: unknown): e is string => typeof e === 'string'));
    }
  }

  private exportRefs(r: Resource, exportTo: readonly string[]): void {
    const ns = this.g.namespaces;
    exportTo.forEach((e, i) => {
      if (e === '.' || e === '*' || e === '~') return;
      const target = ns.get(e);
      this.add('export-namespace', r, `/spec/exportTo/${i}`, e, refState(!!target, ns.anyDeclared || ns.has(e)), target?.resource ? [target.resource] : []);
    });
  }
}
