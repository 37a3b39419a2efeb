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

/**
 * Workload identities `<trustDomain>/ns/<ns>/sa/<serviceAccount>`: from ServiceAccount objects and the service
 * accounts pod templates run as (`default` when unset), for the trust domain and every alias. Sorted (and
 * reversed-sorted) so `prefix*` and `*suffix` principals cost a binary search.
 */
export class Identities {
  private readonly exact = new Set<string>();
  private sortedIds?: string[];
  private reversedIds?: string[];
  /** Namespaces whose service accounts are known (some workload or ServiceAccount lives there). */
  readonly namespaces = new Set<string>();
  readonly trustDomains: readonly string[];
  /** First object declaring each `ns/sa` (a ServiceAccount, else a workload running as it). */
  readonly declaredBy = new Map<string, Resource>();

  constructor(g: MeshGraph) {
    this.trustDomains = [g.mesh.trustDomain, ...g.mesh.trustDomainAliases];
    const add = (ns: string, sa: string, r: Resource) => {
      const id = `${ns}/${sa}`;
      if (this.declaredBy.has(id)) return;
      this.declaredBy.set(id, r);
      this.namespaces.add(ns);
      for (const td of this.trustDomains) this.exact.add(`${td}/ns/${ns}/sa/${sa}`);
    };
    for (const r of g.resources.ofKind('ServiceAccount', '')) add(r.namespace, r.name, r);
    for (const w of g.workloads.all()) if (!w.synthetic && w.kind !== 'WorkloadGroup') add(w.namespace, w.serviceAccount || 'default', w.resource);
  }

  private get sorted(): string[] {
    return (this.sortedIds ??= [...this.exact].sort());
  }

  private get reversed(): string[] {
    return (this.reversedIds ??= [...this.exact].map(reverse).sort());
  }

  /** Matches a principal as Istio does: exact, `*`, `prefix*` or `*suffix`. */
  match(principal: string): PrincipalMatch {
    if (principal === '*') return { state: 'found' };
    const star = principal.indexOf('*');
    const nsPart = /^(.*?)\/ns\/([^/]*)\/sa\/(.*)$/.exec(principal);
    if (star < 0) {
      if (!nsPart) return { state: 'missing' };
      if (!this.trustDomains.includes(nsPart[1])) return { state: 'foreign', trustDomain: nsPart[1] };
      if (this.exact.has(principal)) return { state: 'found' };
      return this.namespaces.has(nsPart[2]) ? { state: 'missing', namespace: nsPart[2] } : { state: 'unknown' };
    }
    const found = star === 0 ? hasPrefix(this.reversed, reverse(principal.slice(1))) : star === principal.length - 1 && hasPrefix(this.sorted, principal.slice(0, -1));
    if (found) return { state: 'found' };
    // A wildcard principal can only be known to match nothing when the namespace it names is among the inputs.
    const ns = nsPart?.[2];
    return ns && !ns.includes('*') && this.namespaces.has(ns) ? { state: 'missing', namespace: ns } : { state: 'unknown' };
  }
}
