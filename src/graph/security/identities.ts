import type { Resource } from '../../core/resource.ts';
import type { MeshGraph } from '../index.ts';

/** Result of matching an AuthorizationPolicy principal against the service accounts of the inputs. */
export type PrincipalMatch =
  | { state: 'found' }
  /** No service account matches although its namespace is among the inputs. */
  | { state: 'missing'; namespace?: string }
  /** Its namespace is not among the inputs (or it is a wildcard nothing can be known about). */
  | { state: 'unknown' }
  /** The trust domain is neither the mesh's nor an alias. */
  | { state: 'foreign'; trustDomain: string };

const lowerBound = (a: readonly string[], x: string) => {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
const hasPrefix = (sorted: readonly string[], p: string) => {
  const i = lowerBound(sorted, p);
  return i < sorted.length && sorted[i].startsWith(p);
};
const reverse = (s: string) => [...s].reverse().join('');

/** `<td>/ns/<ns>/sa/<sa>` → [whole, td, ns, sa] (the shape of a RegExp match), or undefined. */
function splitPrincipal(p: string): [string, string, string, string] | undefined {
  const a = p.indexOf('/ns/');
  if (a < 0) return undefined;
  const b = p.indexOf('/sa/', a + 4);
  if (b < 0 || p.indexOf('/', a + 4) !== b) return undefined;
  return [p, p.slice(0, a), p.slice(a + 4, b), p.slice(b + 4)];
}

/**
 * Workload identities `<trustDomain>/ns/<ns>/sa/<serviceAccount>`: from ServiceAccount objects and the service
 * accounts pod templates run as (`default` when unset), valid for the trust domain and every alias. Kept by
 * namespace; the sorted lists of whole identities that `prefix*` / `*suffix` principals spanning namespaces need
 * are built only when such a principal shows up.
 */
export class Identities {
  private readonly byNs = new Map<string, Map<string, Resource>>();
  private sortedIds?: string[];
  private reversedIds?: string[];
  readonly trustDomains: readonly string[];

  constructor(g: MeshGraph) {
    this.trustDomains = [g.mesh.trustDomain, ...g.mesh.trustDomainAliases];
    const add = (ns: string, sa: string, r: Resource) => {
      let m = this.byNs.get(ns);
      if (!m) this.byNs.set(ns, (m = new Map()));
      if (!m.has(sa)) m.set(sa, r);
    };
    for (const r of g.resources.ofKind('ServiceAccount', '')) add(r.namespace, r.name, r);
    for (const w of g.workloads.all()) if (!w.synthetic && w.kind !== 'WorkloadGroup') add(w.namespace, w.serviceAccount || 'default', w.resource);
  }

  /** True when some workload or ServiceAccount lives in the namespace (so its service accounts are known). */
  knows(ns: string): boolean {
    return this.byNs.has(ns);
  }

  /** Service accounts of a namespace, with the object that declares each (a ServiceAccount, else a workload running as it). */
  serviceAccounts(ns: string): ReadonlyMap<string, Resource> {
    return this.byNs.get(ns) ?? new Map();
  }

  private all(): string[] {
    if (!this.sortedIds) {
      this.sortedIds = [];
      for (const [ns, sas] of this.byNs) for (const sa of sas.keys()) for (const td of this.trustDomains) this.sortedIds.push(`${td}/ns/${ns}/sa/${sa}`);
      this.sortedIds.sort();
    }
    return this.sortedIds;
  }

  /** Matches a principal as Istio does: exact, `*`, `prefix*` or `*suffix`. */
  match(principal: string): PrincipalMatch {
    if (principal === '*') return { state: 'found' };
    const star = principal.indexOf('*');
    const m = splitPrincipal(principal);
    const known = (ns: string): PrincipalMatch => (this.byNs.has(ns) ? { state: 'missing', namespace: ns } : { state: 'unknown' });
    if (star < 0) {
      if (!m) return { state: 'missing' };
      if (!this.trustDomains.includes(m[1])) return { state: 'foreign', trustDomain: m[1] };
      return this.byNs.get(m[2])?.has(m[3]) ? { state: 'found' } : known(m[2]);
    }
    if (m && !m[1].includes('*') && !m[2].includes('*')) {
      // The wildcard is in the service account: only that namespace's accounts can match.
      const sa = m[3];
      const hit = this.trustDomains.includes(m[1]) && [...this.serviceAccounts(m[2]).keys()].some((x) => (sa.endsWith('*') ? x.startsWith(sa.slice(0, -1)) : x.endsWith(sa.slice(1))));
      return hit ? { state: 'found' } : known(m[2]);
    }
    const found = star === 0
      ? hasPrefix((this.reversedIds ??= this.all().map(reverse).sort()), reverse(principal.slice(1)))
      : star === principal.length - 1 && hasPrefix(this.all(), principal.slice(0, -1));
    if (found) return { state: 'found' };
    // A wildcard principal can only be known to match nothing when the namespace it names is among the inputs.
    const ns = m?.[2];
    return ns && !ns.includes('*') ? known(ns) : { state: 'unknown' };
  }
}
