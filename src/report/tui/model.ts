import type { Diagnostic, Severity } from '../../core/types.ts';

/** What the findings list shows: every set field must match; `text` is a case-insensitive substring. */
export interface Filters {
  severity?: Severity;
  rule?: string;
  namespace?: string;
  kind?: string;
  text: string;
}

export const NO_FILTERS: Filters = { text: '' };

/** Facets picked from a list of values present in the findings (severity cycles instead). */
export type Facet = 'rule' | 'namespace' | 'kind';
export const FACETS: readonly Facet[] = ['rule', 'namespace', 'kind'];

export interface FacetValue {
  value: string;
  count: number;
}

/** Shown for findings without a resource (a whole file, or a syntax error). */
export const NONE = '(none)';
/** Shown for cluster-scoped resources, which have no namespace. */
export const CLUSTER = '(cluster)';

export function facetOf(d: Diagnostic, facet: Facet): string {
  if (facet === 'rule') return d.ruleId;
  if (!d.resource) return NONE;
  if (facet === 'kind') return d.resource.kind;
  return d.resource.namespace || CLUSTER;
}

function resourceText(d: Diagnostic): string {
  const r = d.resource;
  return r ? `${r.kind} ${r.namespace}/${r.name}` : '';
}

export function matches(d: Diagnostic, f: Filters, text = f.text.toLowerCase()): boolean {
  if (f.severity && d.severity !== f.severity) return false;
  if (f.rule !== undefined && d.ruleId !== f.rule) return false;
  if (f.namespace !== undefined && facetOf(d, 'namespace') !== f.namespace) return false;
  if (f.kind !== undefined && facetOf(d, 'kind') !== f.kind) return false;
  if (!text) return true;
  return [d.message, d.ruleId, d.location.file, resourceText(d)].some((s) => s.toLowerCase().includes(text));
}

export function applyFilters(diags: readonly Diagnostic[], f: Filters): readonly Diagnostic[] {
  if (!f.severity && f.rule === undefined && f.namespace === undefined && f.kind === undefined && !f.text) return diags;
  const text = f.text.toLowerCase();
  return diags.filter((d) => matches(d, f, text));
}

/** Values of a facet with their counts, most frequent first, then by name. */
export function facetValues(diags: readonly Diagnostic[], facet: Facet): FacetValue[] {
  const counts = new Map<string, number>();
  for (const d of diags) {
    const v = facetOf(d, facet);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

export function activeFilters(f: Filters): string[] {
  const out: string[] = [];
  if (f.severity) out.push(`severity=${f.severity}`);
  if (f.rule !== undefined) out.push(`rule=${f.rule}`);
  if (f.namespace !== undefined) out.push(`namespace=${f.namespace}`);
  if (f.kind !== undefined) out.push(`kind=${f.kind}`);
  if (f.text) out.push(`/${f.text}`);
  return out;
}

const SEVERITY_CYCLE: readonly (Severity | undefined)[] = [undefined, 'error', 'warning', 'info'];

export function nextSeverity(s: Severity | undefined): Severity | undefined {
  return SEVERITY_CYCLE[(SEVERITY_CYCLE.indexOf(s) + 1) % SEVERITY_CYCLE.length];
}

export type Row = { type: 'file'; file: string; count: number } | { type: 'finding'; diagnostic: Diagnostic; index: number };

export interface Grouped {
  rows: Row[];
  /** Row index of each finding, by its index in the filtered list. */
  rowOf: number[];
}

/** One header row per file followed by its findings; the input is sorted by file already. */
export function groupByFile(diags: readonly Diagnostic[]): Grouped {
  const rows: Row[] = [];
  const rowOf: number[] = [];
  let header: { type: 'file'; file: string; count: number } | undefined;
  diags.forEach((d, index) => {
    if (!header || header.file !== d.location.file) {
      header = { type: 'file', file: d.location.file, count: 0 };
      rows.push(header);
    }
    header.count++;
    rowOf.push(rows.length);
    rows.push({ type: 'finding', diagnostic: d, index });
  });
  return { rows, rowOf };
}

/** First visible row so that `row` stays in a window of `height` rows, scrolling as little as possible. */
export function scrollTo(top: number, row: number, height: number, total: number): number {
  if (height <= 0) return 0;
  let t = top;
  if (row < t) t = row;
  else if (row >= t + height) t = row - height + 1;
  return clamp(t, 0, Math.max(0, total - height));
}

export function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

/** `1 error`, `2 warnings`… */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
