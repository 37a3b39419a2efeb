import type { LabelExpression, Labels, Selector } from './types.ts';

const EMPTY: Labels = Object.freeze({});
const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** A plain string map from YAML, dropping non-string values (which the API server would reject). */
export function labelMap(v: unknown): Labels {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return EMPTY;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

/** Selector from a plain map (Service selector, Istio `selector`, `workloadSelector.labels`). */
export function mapSelector(v: unknown): Selector {
  return { labels: labelMap(v), expressions: [] };
}

/** Selector from a Kubernetes LabelSelector (`matchLabels` + `matchExpressions`). */
export function labelSelector(v: unknown): Selector {
  if (!v || typeof v !== 'object') return { labels: EMPTY, expressions: [] };
  const o = v as Record<string, unknown>;
  const expressions: LabelExpression[] = [];
  if (Array.isArray(o.matchExpressions)) {
    for (const e of o.matchExpressions) {
      if (!e || typeof e.key !== 'string' || !OPERATORS.has(e.operator)) continue;
      expressions.push({ key: e.key, operator: e.operator, values: Array.isArray(e.values) ? e.values.filter((x: unknown) => typeof x === 'string') : [] });
    }
  }
  return { labels: labelMap(o.matchLabels), expressions };
}

export function isEmptySelector(s: Selector): boolean {
  return s.expressions.length === 0 && Object.keys(s.labels).length === 0;
}

/** True when every label of `subset` is present with the same value in `labels`. */
export function labelsMatch(subset: Labels, labels: Labels): boolean {
  for (const k in subset) if (labels[k] !== subset[k]) return false;
  return true;
}

export function selectorMatches(s: Selector, labels: Labels): boolean {
  if (!labelsMatch(s.labels, labels)) return false;
  for (const e of s.expressions) {
    const has = Object.hasOwn(labels, e.key);
    switch (e.operator) {
      case 'In': if (!has || !e.values.includes(labels[e.key])) return false; break;
      case 'NotIn': if (has && e.values.includes(labels[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
    }
  }
  return true;
}

/** `k1=v1,k2=v2` sorted by key: the form Istio prints selectors in. */
export function selectorText(labels: Labels): string {
  return Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',');
}

interface Labelled {
  namespace: string;
  labels: Labels;
}

/**
 * Items (workloads) indexed by namespace and by label pair, so a selector costs the size of its rarest
 * label's posting list, not a scan of every item.
 */
export class LabelIndex<T extends Labelled> {
  private readonly byNs = new Map<string, T[]>();
  private readonly byPair = new Map<string, T[]>();
  private readonly byNsPair = new Map<string, T[]>();
  readonly all: T[] = [];

  add(item: T): void {
    this.all.push(item);
    push(this.byNs, item.namespace, item);
    for (const k in item.labels) {
      const pair = `${k}\0${item.labels[k]}`;
      push(this.byPair, pair, item);
      push(this.byNsPair, `${item.namespace}\0${pair}`, item);
    }
  }

  inNamespace(ns: string): readonly T[] {
    return this.byNs.get(ns) ?? [];
  }

  namespaces(): IterableIterator<string> {
    return this.byNs.keys();
  }

  /** Items matching the selector, in one namespace or (ns undefined) in all. An empty selector matches all of them. */
  select(s: Selector, ns?: string): T[] {
    let best: readonly T[] | undefined;
    for (const k in s.labels) {
      const pair = `${k}\0${s.labels[k]}`;
      const list = (ns === undefined ? this.byPair.get(pair) : this.byNsPair.get(`${ns}\0${pair}`)) ?? [];
      if (!best || list.length < best.length) best = list;
      if (!best.length) return [];
    }
    if (!best) {
      for (const e of s.expressions) {
        if (e.operator !== 'In' || e.values.length !== 1) continue;
        const pair = `${e.key}\0${e.values[0]}`;
        best = (ns === undefined ? this.byPair.get(pair) : this.byNsPair.get(`${ns}\0${pair}`)) ?? [];
        break;
      }
    }
    const candidates = best ?? (ns === undefined ? this.all : this.inNamespace(ns));
    return candidates.filter((t) => (ns === undefined || t.namespace === ns) && selectorMatches(s, t.labels));
  }
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
