import { fqdn } from '../hosts.ts';
import type { DestinationRuleInfo, Routing } from '../routing.ts';

/** One `tls` block of a DestinationRule: top level, port level, or in a subset's traffic policy. */
export interface ClientTls {
  dr: DestinationRuleInfo;
  /** `tls.mode` as written (DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL). */
  mode: string;
  /** Pointer of `tls.mode` (or of `tls` when the mode is not written). */
  pointer: string;
  /** Port of a `portLevelSettings` entry. */
  port?: number;
  /** Subset whose traffic policy holds it. */
  subset?: string;
  tls: Record<string, any>;
}

/** How far a DestinationRule reaches: `*.local` (mesh-wide), `*.<ns>.svc.<domain>` (namespace-wide) or a host. */
export type DestinationRuleReach = { kind: 'mesh' } | { kind: 'namespace'; namespace: string } | { kind: 'host' };

const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

function blocks(dr: DestinationRuleInfo, tp: any, base: string, subset: string | undefined, out: ClientTls[]): void {
  if (!isMap(tp)) return;
  const add = (tls: unknown, pointer: string, port?: number) => {
    if (!isMap(tls)) return;
    const c: ClientTls = { dr, mode: typeof tls.mode === 'string' ? tls.mode : 'DISABLE', pointer: typeof tls.mode === 'string' ? `${pointer}/mode` : pointer, tls };
    if (port !== undefined) c.port = port;
    if (subset !== undefined) c.subset = subset;
    out.push(c);
  };
  add(tp.tls, `${base}/tls`);
  if (Array.isArray(tp.portLevelSettings)) {
    tp.portLevelSettings.forEach((p: any, i: number) => {
      if (isMap(p) && typeof p.port?.number === 'number') add(p.tls, `${base}/portLevelSettings/${i}/tls`, p.port.number);
    });
  }
}

/** Every TLS setting of a DestinationRule, top level first, then port level, then per subset. */
export function clientTlsOf(dr: DestinationRuleInfo): ClientTls[] {
  const spec = dr.resource.object?.spec;
  const out: ClientTls[] = [];
  blocks(dr, spec?.trafficPolicy, '/spec/trafficPolicy', undefined, out);
  if (Array.isArray(spec?.subsets)) {
    spec.subsets.forEach((s: any, i: number) => {
      if (isMap(s) && typeof s.name === 'string') blocks(dr, s.trafficPolicy, `/spec/subsets/${i}/trafficPolicy`, s.name, out);
    });
  }
  return out;
}

/**
 * The TLS setting that applies to traffic for a port (and subset) under this rule, as istiod merges them: the
 * subset's port-level setting, the subset's top level, the rule's port-level setting, the rule's top level.
 */
export function clientTlsFor(settings: readonly ClientTls[], port?: number, subset?: string): ClientTls | undefined {
  const pick = (s: string | undefined, portLevel: boolean) => settings.find((c) => c.subset === s && (portLevel ? port !== undefined && c.port === port : c.port === undefined));
  return (subset !== undefined ? pick(subset, true) ?? pick(subset, false) : undefined) ?? pick(undefined, true) ?? pick(undefined, false);
}

/** Whether a DestinationRule host is `*.local`-like (mesh-wide), `*.<ns>.svc.<domain>` (namespace-wide) or narrower. */
export function reachOf(dr: DestinationRuleInfo, domain: string): DestinationRuleReach {
  if (['*', '*.local', `*.${domain}`, `*.svc.${domain}`].includes(dr.host)) return { kind: 'mesh' };
  const m = /^\*\.([^.*]+)\.svc\.(.+)$/.exec(dr.host);
  return m && m[2] === domain ? { kind: 'namespace', namespace: m[1] } : { kind: 'host' };
}

/**
 * The rule sets that govern a service host, one per set of clients: istiod picks one namespace's rules per client
 * namespace (the client's, the service's, the root), so rules of client namespaces count for their clients.
 */
export function governingRules(routing: Routing, host: string, ns: string, domain: string): DestinationRuleInfo[][] {
  return routing.destinationRulePicks(fqdn(host, ns, domain), ns);
}

/**
 * The TLS settings in force when istiod merges the rules of one host in one namespace (`rules` in merge order): the
 * top-level and port-level ones of the first rule with a top-level traffic policy, and the subset ones of the first
 * rule defining each subset name. A rule with a workloadSelector is not merged with the others.
 */
export function mergedClientTls(rules: readonly DestinationRuleInfo[], tlsOf: (dr: DestinationRuleInfo) => readonly ClientTls[]): ClientTls[] {
  const out: ClientTls[] = [];
  let policyTaken = false;
  const subsets = new Set<string>();
  for (const dr of rules) {
    const merged = !dr.selector;
    const hasPolicy = isMap(dr.resource.object?.spec?.trafficPolicy);
    const policyApplies = !merged || (hasPolicy && !policyTaken);
    if (merged && hasPolicy) policyTaken = true;
    for (const c of tlsOf(dr)) if (c.subset === undefined ? policyApplies : !merged || !subsets.has(c.subset)) out.push(c);
    if (merged) for (const s of dr.subsets) subsets.add(s.name);
  }
  return out;
}
