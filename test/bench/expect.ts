// Compares the findings of a lint of a generated mesh with the errors the generator planted.
import type { Diagnostic } from '../../src/core/index.ts';
import type { Rule } from '../../src/engine/index.ts';
import type { Expected } from './generate.ts';

export interface PlantedResult {
  expected: Expected;
  /** found: reported; missed: its rule exists but did not report it; pending: no rule for it exists yet. */
  status: 'found' | 'missed' | 'pending';
}

export interface Unexpected {
  rule: string;
  severity: string;
  count: number;
  example: string;
}

export interface Comparison {
  planted: PlantedResult[];
  /** Findings no planted error explains, outside the planted resources (the generated mesh is otherwise clean). */
  unexpected: Unexpected[];
  /** Further findings on a planted resource (a second rule reacting to the same mistake). */
  secondary: Unexpected[];
}

const resourceOf = (d: Diagnostic) => (d.resource ? (d.resource.namespace ? `${d.resource.kind} ${d.resource.namespace}/${d.resource.name}` : `${d.resource.kind} ${d.resource.name}`) : '');

function ruleExists(e: Expected, rules: readonly Rule[]): boolean {
  return rules.some((r) => r.id === e.rule || (!!e.istio && r.istio === e.istio && r.istioAnalyzer === e.istioAnalyzer));
}

function sameRule(e: Expected, d: Diagnostic): boolean {
  return d.ruleId === e.rule || (!!e.istio && d.codes?.istio === e.istio && d.codes?.istioAnalyzer === e.istioAnalyzer);
}

/**
 * `fileOf` maps the per-file path the generator recorded to the path the lint reports (the multi-document
 * layout has one file for everything).
 */
export function compareFindings(diags: readonly Diagnostic[], expected: readonly Expected[], rules: readonly Rule[], fileOf: (perFilePath: string) => string): Comparison {
  const byResource = new Map<string, Diagnostic[]>();
  for (const d of diags) {
    const key = resourceOf(d);
    let list = byResource.get(key);
    if (!list) byResource.set(key, (list = []));
    list.push(d);
  }
  const explained = new Set<Diagnostic>();
  const plantedResources = new Set<string>();
  const planted = expected.map((e): PlantedResult => {
    const file = fileOf(e.file);
    plantedResources.add(e.resource);
    let hit = false;
    for (const res of [e.resource, ...(e.alternatives ?? [])]) {
      for (const d of byResource.get(res) ?? []) {
        // An alternative resource may live in another file: only the primary one pins the file.
        if (sameRule(e, d) && (res !== e.resource || d.location.file === file)) {
          explained.add(d);
          hit = true;
        }
      }
    }
    return { expected: e, status: hit ? 'found' : ruleExists(e, rules) ? 'missed' : 'pending' };
  });
  const unexpected = new Map<string, Unexpected>();
  const secondary = new Map<string, Unexpected>();
  for (const d of diags) {
    if (explained.has(d)) continue;
    const res = resourceOf(d);
    const into = plantedResources.has(res) ? secondary : unexpected;
    const key = `${d.ruleId}\0${d.severity}`;
    const u = into.get(key);
    if (u) u.count++;
    else into.set(key, { rule: d.ruleId, severity: d.severity, count: 1, example: `${d.location.file}:${d.location.range.start.line}:${d.location.range.start.column} ${res} ${d.message}` });
  }
  const sorted = (m: Map<string, Unexpected>) => [...m.values()].sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return { planted, unexpected: sorted(unexpected), secondary: sorted(secondary) };
}

/** Findings that make the check fail: planted errors missed by an existing rule, or unexpected errors/warnings. */
export function failures(c: Comparison): string[] {
  const out: string[] = [];
  for (const p of c.planted) if (p.status === 'missed') out.push(`missed ${p.expected.kind}: ${p.expected.rule} on ${p.expected.resource} (${p.expected.file})`);
  for (const u of c.unexpected) if (u.severity !== 'info') out.push(`unexpected ${u.severity} ${u.rule} ×${u.count}, e.g. ${u.example}`);
  return out;
}

/** One line, e.g. `planted 8: found 2, missed 0, pending 6 (schema, …); unexpected 0; secondary 0`. */
export function summarize(c: Comparison, short = false): string {
  const count = (s: PlantedResult['status']) => c.planted.filter((p) => p.status === s).length;
  const pendingRules = [...new Set(c.planted.filter((p) => p.status === 'pending').map((p) => p.expected.rule))].sort();
  const n = (us: Unexpected[]) => us.reduce((a, u) => a + u.count, 0);
  const infos = c.unexpected.filter((u) => u.severity === 'info');
  return `planted ${c.planted.length}: found ${count('found')}, missed ${count('missed')}, pending ${count('pending')}${pendingRules.length && !short ? ` (${pendingRules.join(', ')})` : ''}; ` +
    `unexpected ${n(c.unexpected) - n(infos)}${infos.length ? ` (+${n(infos)} info)` : ''}; secondary ${n(c.secondary)}`;
}
