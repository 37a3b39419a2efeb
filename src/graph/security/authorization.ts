import type { Resource } from '../../core/resource.ts';
import type { MeshGraph } from '../index.ts';
import { labelMap, labelsMatch, push } from '../labels.ts';
import type { Labels, Workload } from '../types.ts';

/** A string list of a source, operation or condition, with the pointer of the list and of each value. */
export interface AuthzValues {
  pointer: string;
  values: readonly { value: string; pointer: string }[];
}

/** One `from[].source` or `to[].operation`: its fields by name (`principals`, `notMethods`…). */
export interface AuthzClause {
  pointer: string;
  /** Every list field. */
  fields: Readonly<Record<string, AuthzValues>>;
  /** One list field (cheaper than `fields` when a rule reads one or two). */
  field(name: string): AuthzValues | undefined;
  /** Names of the fields written. */
  names(): string[];
}

export interface AuthzCondition {
  pointer: string;
  key: string;
  values?: AuthzValues;
  notValues?: AuthzValues;
}

export interface AuthzRule {
  index: number;
  pointer: string;
  from: readonly AuthzClause[];
  to: readonly AuthzClause[];
  when: readonly AuthzCondition[];
}

export interface AuthorizationPolicyInfo {
  resource: Resource;
  namespace: string;
  name: string;
  /** ALLOW (the default), DENY, AUDIT or CUSTOM. */
  action: string;
  /** `provider.name` of a CUSTOM policy. */
  provider?: string;
  /** `selector.matchLabels`; undefined when absent or empty. */
  selector?: Labels;
  /** True when the policy targets Gateways or Services (`targetRef(s)`) instead of selecting pods. */
  targeted: boolean;
  /** True when the policy lives in the root namespace (and so applies mesh-wide). */
  meshWide: boolean;
  rules: readonly AuthzRule[];
}

/** Fields only an HTTP request has: on a TCP port Istio drops the rule that uses them. */
export const HTTP_ONLY_FIELDS: ReadonlySet<string> = new Set(['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths', 'requestPrincipals', 'notRequestPrincipals']);
const HTTP_ONLY_KEYS = /^(request\.|experimental\.envoy\.filters\.)/;

/** True when a `when` key needs an HTTP request (`request.headers[…]`, `request.auth.*`…). */
export function httpOnlyKey(key: string): boolean {
  return HTTP_ONLY_KEYS.test(key);
}

/** What a rule that can never match does at run time, by policy action (for messages). */
export function unmatchedEffect(action: string): string {
  switch (action) {
    case 'ALLOW': return 'the ALLOW rule lets no such request in (403 RBAC: access denied)';
    case 'DENY': return 'the DENY rule blocks nothing';
    case 'CUSTOM': return 'the external authorizer is never asked';
    default: return 'the rule never applies';
  }
}

/** What a condition that matches every request does at run time, by policy action (for messages). */
export function matchAllEffect(action: string): string {
  switch (action) {
    case 'ALLOW': return 'the ALLOW rule lets every caller in';
    case 'DENY': return 'the DENY rule blocks every caller (403 RBAC: access denied)';
    case 'CUSTOM': return 'the external authorizer is asked for every request';
    default: return 'the rule applies to every request';
  }
}

const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One entry of a list; its pointer is built only when a finding needs it. */
class Entry {
  constructor(readonly value: string, private readonly list: string, private readonly index: number) {}
  get pointer(): string {
    return `${this.list}/${this.index}`;
  }
}

/** A list read on first use: most policies are walked for a few fields only. */
class LazyValues implements AuthzValues {
  private list?: { value: string; pointer: string }[];
  constructor(readonly pointer: string, private readonly raw: readonly unknown[]) {}
  get values(): readonly { value: string; pointer: string }[] {
    if (!this.list) {
      this.list = [];
      for (let i = 0; i < this.raw.length; i++) {
        const x = this.raw[i];
        if (typeof x === 'string' || typeof x === 'number') this.list.push(new Entry(String(x), this.pointer, i));
      }
    }
    return this.list;
  }
}

function values(v: unknown, pointer: string): AuthzValues | undefined {
  return Array.isArray(v) ? new LazyValues(pointer, v) : undefined;
}

/** A source or operation whose fields are read on first use. */
class LazyClause implements AuthzClause {
  private f?: Record<string, AuthzValues>;
  constructor(readonly pointer: string, private readonly raw: Record<string, unknown>) {}
  get fields(): Readonly<Record<string, AuthzValues>> {
    if (!this.f) {
      const f: Record<string, AuthzValues> = {};
      for (const k in this.raw) {
        const v = this.field(k);
        if (v) f[k] = v;
      }
      this.f = f;
    }
    return this.f;
  }
  field(name: string): AuthzValues | undefined {
    if (this.f) return this.f[name];
    return Array.isArray(this.raw[name]) ? values(this.raw[name], `${this.pointer}/${name}`) : undefined;
  }
  names(): string[] {
    return Object.keys(this.raw);
  }
}

function clauses(list: unknown, base: string, inner: 'source' | 'operation'): AuthzClause[] {
  if (!Array.isArray(list)) return [];
  const out: AuthzClause[] = [];
  for (let i = 0; i < list.length; i++) {
    const o = list[i]?.[inner];
    if (isMap(o)) out.push(new LazyClause(`${base}/${i}/${inner}`, o));
  }
  return out;
}

const NONE: readonly never[] = Object.freeze([]);

function conditions(list: unknown, base: string): readonly AuthzCondition[] {
  if (!Array.isArray(list) || !list.length) return NONE;
  const out: AuthzCondition[] = [];
  for (let j = 0; j < list.length; j++) {
    const c = list[j];
    if (!isMap(c) || typeof c.key !== 'string') continue;
    const p = `${base}/${j}`;
    out.push({ pointer: p, key: c.key, values: values(c.values, `${p}/values`), notValues: values(c.notValues, `${p}/notValues`) });
  }
  return out;
}

export function authorizationPolicyOf(r: Resource, rootNamespace: string): AuthorizationPolicyInfo {
  const spec = isMap(r.object?.spec) ? r.object.spec : {};
  const labels = spec.selector ? labelMap(spec.selector.matchLabels) : undefined;
  const rules: AuthzRule[] = [];
  const list = spec.rules;
  if (Array.isArray(list)) {
    for (let i = 0; i < list.length; i++) {
      const rule = list[i];
      if (!isMap(rule)) continue;
      const pointer = `/spec/rules/${i}`;
      rules.push({
        index: i,
        pointer,
        from: rule.from ? clauses(rule.from, `${pointer}/from`, 'source') : NONE,
        to: rule.to ? clauses(rule.to, `${pointer}/to`, 'operation') : NONE,
        when: rule.when ? conditions(rule.when, `${pointer}/when`) : NONE,
      });
    }
  }
  const info: AuthorizationPolicyInfo = {
    resource: r,
    namespace: r.namespace,
    name: r.name,
    action: typeof spec.action === 'string' ? spec.action : 'ALLOW',
    selector: labels && Object.keys(labels).length ? labels : undefined,
    targeted: spec.targetRef !== undefined || spec.targetRefs !== undefined,
    meshWide: r.namespace === rootNamespace,
    rules,
  };
  if (typeof spec.provider?.name === 'string') info.provider = spec.provider.name;
  return info;
}

/** AuthorizationPolicies and the workloads each applies to. */
export class AuthorizationPolicies {
  readonly all: AuthorizationPolicyInfo[] = [];
  private readonly byResource = new Map<Resource, AuthorizationPolicyInfo>();
  private readonly scopes = new Map<AuthorizationPolicyInfo, Workload[]>();
  private readonly byNamespace = new Map<string, AuthorizationPolicyInfo[]>();

  constructor(private readonly g: MeshGraph) {
    for (const r of g.resources.ofKind('AuthorizationPolicy', 'security.istio.io')) {
      const ap = authorizationPolicyOf(r, g.mesh.rootNamespace);
      this.all.push(ap);
      this.byResource.set(r, ap);
      push(this.byNamespace, ap.namespace, ap);
    }
  }

  /** Policies that apply to a workload: selector-less or matching ones of its namespace and of the root namespace. */
  forWorkload(w: Workload): AuthorizationPolicyInfo[] {
    const out: AuthorizationPolicyInfo[] = [];
    const namespaces = w.namespace === this.g.mesh.rootNamespace ? [w.namespace] : [w.namespace, this.g.mesh.rootNamespace];
    for (const ns of namespaces) for (const ap of this.byNamespace.get(ns) ?? []) if (!ap.targeted && (!ap.selector || labelsMatch(ap.selector, w.labels))) out.push(ap);
    return out;
  }

  of(r: Resource): AuthorizationPolicyInfo | undefined {
    return this.byResource.get(r);
  }

  /**
   * The workloads a policy applies to: selected ones in its namespace (any namespace for the root namespace), or
   * all of them without a selector; none for a policy with targetRefs (it applies to waypoints and gateways).
   */
  workloadsOf(ap: AuthorizationPolicyInfo): readonly Workload[] {
    let list = this.scopes.get(ap);
    if (!list) {
      const ns = ap.meshWide ? undefined : ap.namespace;
      list = ap.targeted ? [] : ap.selector ? this.g.workloads.select({ labels: ap.selector, expressions: [] }, ns) : ns === undefined ? [...this.g.workloads.all()] : [...this.g.workloads.inNamespace(ns)];
      this.scopes.set(ap, list);
    }
    return list;
  }
}
