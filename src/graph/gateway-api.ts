import type { Resource } from '../core/resource.ts';
import { push } from './labels.ts';
import { GATEWAY_API, ROUTE_KINDS_GATEWAY_API } from './gateways.ts';
import type { ResourceStore } from './store.ts';

/** A `parentRefs[]` or `backendRefs[]` entry, with Gateway API defaults applied. */
export interface ObjectRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  /** True when `namespace` was written (else it is the route's). */
  explicitNamespace: boolean;
  sectionName?: string;
  port?: number;
  weight?: number;
  pointer: string;
}

export interface RouteInfo {
  resource: Resource;
  kind: string;
  namespace: string;
  name: string;
  parents: readonly ObjectRef[];
  /** `spec.hostnames` (empty: any). */
  hostnames: readonly string[];
  /** Backend refs per rule, in order. */
  rules: readonly { pointer: string; backends: readonly ObjectRef[] }[];
}

const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

function objectRef(v: any, pointer: string, routeNs: string, dflt: { group: string; kind: string }): ObjectRef | undefined {
  if (!isMap(v) || typeof v.name !== 'string') return undefined;
  const explicitNamespace = typeof v.namespace === 'string' && v.namespace !== '';
  const ref: ObjectRef = {
    group: typeof v.group === 'string' ? v.group : dflt.group,
    kind: typeof v.kind === 'string' ? v.kind : dflt.kind,
    namespace: explicitNamespace ? v.namespace : routeNs,
    name: v.name,
    explicitNamespace,
    pointer,
  };
  if (typeof v.sectionName === 'string') ref.sectionName = v.sectionName;
  if (typeof v.port === 'number') ref.port = v.port;
  if (typeof v.weight === 'number') ref.weight = v.weight;
  return ref;
}

export function routeOf(r: Resource): RouteInfo {
  const spec = isMap(r.object?.spec) ? r.object.spec : {};
  const parents: ObjectRef[] = [];
  if (Array.isArray(spec.parentRefs)) {
    spec.parentRefs.forEach((p: any, i: number) => {
      const ref = objectRef(p, `/spec/parentRefs/${i}`, r.namespace, { group: GATEWAY_API, kind: 'Gateway' });
      if (ref) parents.push(ref);
    });
  }
  const rules: { pointer: string; backends: ObjectRef[] }[] = [];
  if (Array.isArray(spec.rules)) {
    spec.rules.forEach((rule: any, i: number) => {
      const backends: ObjectRef[] = [];
      if (Array.isArray(rule?.backendRefs)) {
        rule.backendRefs.forEach((b: any, j: number) => {
          const ref = objectRef(b, `/spec/rules/${i}/backendRefs/${j}`, r.namespace, { group: '', kind: 'Service' });
          if (ref) backends.push(ref);
        });
      }
      rules.push({ pointer: `/spec/rules/${i}`, backends });
    });
  }
  const hostnames = Array.isArray(spec.hostnames) ? spec.hostnames.filter((h: unknown): h is string => typeof h === 'string') : [];
  return { resource: r, kind: r.kind, namespace: r.namespace, name: r.name, parents, hostnames, rules };
}

interface Grant {
  resource: Resource;
  from: { group: string; kind: string; namespace: string }[];
  to: { group: string; kind: string; name?: string }[];
}

/** Gateway API routes and ReferenceGrants. */
export class GatewayApi {
  readonly routes: RouteInfo[] = [];
  readonly referenceGrantsLoaded: boolean;
  private readonly grantsByNs = new Map<string, Grant[]>();

  constructor(store: ResourceStore) {
    for (const kind of ROUTE_KINDS_GATEWAY_API) for (const r of store.ofKind(kind, GATEWAY_API)) this.routes.push(routeOf(r));
    const grants = store.ofKind('ReferenceGrant', GATEWAY_API);
    this.referenceGrantsLoaded = grants.length > 0;
    for (const r of grants) {
      const spec = r.object?.spec;
      const list = (v: unknown) => (Array.isArray(v) ? v.filter(isMap) : []);
      push(this.grantsByNs, r.namespace, {
        resource: r,
        from: list(spec?.from).map((f) => ({ group: typeof f.group === 'string' ? f.group : '', kind: String(f.kind ?? ''), namespace: String(f.namespace ?? '') })),
        to: list(spec?.to).map((t) => ({ group: typeof t.group === 'string' ? t.group : '', kind: String(t.kind ?? ''), ...(typeof t.name === 'string' && t.name ? { name: t.name } : {}) })),
      });
    }
  }

  /** The ReferenceGrant in the target namespace that lets `from` refer to the target, if any. */
  grantFor(from: { group: string; kind: string; namespace: string }, to: { group: string; kind: string; namespace: string; name: string }): Resource | undefined {
    for (const g of this.grantsByNs.get(to.namespace) ?? []) {
      const fromOk = g.from.some((f) => f.group === from.group && f.kind === from.kind && f.namespace === from.namespace);
      const toOk = g.to.some((t) => t.group === to.group && t.kind === to.kind && (!t.name || t.name === to.name));
      if (fromOk && toOk) return g.resource;
    }
    return undefined;
  }
}
