import { coveringWildcards } from './hosts.ts';
import { push } from './labels.ts';
import type { DestinationRuleInfo } from './routing.ts';

/** Rules of one namespace by host (FQDN, or wildcard as written), each list in istiod's merge order. */
type Pool = Map<string, DestinationRuleInfo[]>;

/** Istio merges competing rules oldest first; files seldom carry creation times, so then the name decides. */
export function mergeOrder(a: DestinationRuleInfo, b: DestinationRuleInfo): number {
  const ta = String(a.resource.object?.metadata?.creationTimestamp ?? '');
  const tb = String(b.resource.object?.metadata?.creationTimestamp ?? '');
  if (ta && tb && ta !== tb) return ta < tb ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0;
}

/** A rule exported (by its written exportTo) to proxies of `client`; undefined stands for a namespace no rule names. */
function exportedTo(dr: DestinationRuleInfo, client: string | undefined): boolean {
  return !dr.exportTo.length || dr.exportTo.includes('*') || (client !== undefined && dr.exportTo.includes(client));
}

/**
 * DestinationRules pooled as istiod indexes them (pilot/pkg/model/push_context.go, setDestinationRules) so that a
 * lookup answers which rules a proxy applies to a host: those of ONE namespace — the client's, else the service's
 * (exported to the client), else the root namespace's — and within it those of the most specific host.
 */
export class DestinationRuleIndex {
  /** Per namespace: the rules its own proxies see (public and private ones, workloadSelector ones included). */
  private readonly local = new Map<string, Pool>();
  /** Per namespace: the rules it exports to others (not private-only, no workloadSelector). */
  private readonly exported = new Map<string, Pool>();
  /** Private-only rules of the root namespace: the only ones root-namespace proxies look up before the service's. */
  private readonly rootLocal: Pool = new Map();

  constructor(rules: readonly DestinationRuleInfo[], private readonly rootNamespace: string, defaultExportTo: readonly string[]) {
    for (const dr of [...rules].sort(mergeOrder)) {
      if (!dr.host) continue;
      // A rule with a workloadSelector is private to its namespace whatever its exportTo says.
      const written = dr.selector ? ['.'] : dr.exportTo;
      if (!written.length || written.some((e) => e === '*' || e === '.' || e === dr.namespace)) this.add(this.local, dr.namespace, dr);
      const privateOnly = dr.exportTo.length ? dr.exportTo.length === 1 && (written.includes('.') || written.includes(dr.namespace)) : defaultExportTo.includes('.');
      if (privateOnly) {
        if (dr.namespace === rootNamespace) push(this.rootLocal, dr.fqdn, dr);
      } else if (!dr.selector) this.add(this.exported, dr.namespace, dr);
    }
  }

  private add(pools: Map<string, Pool>, ns: string, dr: DestinationRuleInfo): void {
    let pool = pools.get(ns);
    if (!pool) pools.set(ns, (pool = new Map()));
    push(pool, dr.fqdn, dr);
  }

  /**
   * The rules a proxy in namespace `client` applies to `host` (an FQDN or a wildcard), in merge order (the first
   * with a top-level traffic policy sets it; subsets are joined, the first definition of a name wins). `serviceNs` is
   * the namespace of the service behind the host. `client` undefined means a namespace that holds no rule.
   */
  lookup(host: string, client: string | undefined, serviceNs: string | undefined): DestinationRuleInfo[] {
    if (client !== undefined) {
      const own = mostSpecific(client === this.rootNamespace ? this.rootLocal : this.local.get(client), host);
      if (own) return own;
    }
    for (const ns of serviceNs !== undefined && serviceNs !== this.rootNamespace ? [serviceNs, this.rootNamespace] : [this.rootNamespace]) {
      const found = mostSpecific(this.exported.get(ns), host);
      // The most specific host decides; when it is not exported to the client istiod moves on to the next namespace.
      const visible = found?.filter((dr) => exportedTo(dr, client));
      if (visible?.length) return visible;
    }
    return [];
  }
}

/** istiod's MostSpecificHostMatch over one pool: the exact host, else the closest covering wildcard. */
function mostSpecific(pool: Pool | undefined, host: string): DestinationRuleInfo[] | undefined {
  if (!pool) return undefined;
  const exact = pool.get(host);
  if (exact) return exact;
  for (const w of coveringWildcards(host)) {
    const found = pool.get(w);
    if (found) return found;
  }
  return undefined;
}
