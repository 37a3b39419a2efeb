import type { Rule } from '../engine/index.ts';

function codes(r: Rule): string {
  return [r.istio, r.istioAnalyzer, r.kiali].filter(Boolean).join(', ');
}

/** The default severity, and `off` for rules that run only when a level is set for them. */
const level = (r: Rule) => (r.defaultOff ? `${r.severity} (off by default)` : r.severity);

/** `meshlint rules`: every rule with its default severity and equivalent codes. */
export function listRules(rules: readonly Rule[], format: 'text' | 'markdown' | 'json'): string {
  if (format === 'json') {
    return JSON.stringify(rules.map((r) => ({ id: r.id, severity: r.severity, enabled: !r.defaultOff, category: r.category, istio: r.istio, istioAnalyzer: r.istioAnalyzer, kiali: r.kiali, summary: r.docs.summary })), null, 2) + '\n';
  }
  if (format === 'markdown') {
    const cell = (s: string) => s.replace(/\|/g, '\\|');
    const rows = rules.map((r) => `| \`${r.id}\` | ${level(r)} | ${r.category} | ${cell(codes(r)) || '—'} | ${cell(r.docs.summary)} |`);
    return ['| rule | severity | category | istioctl / Kiali | summary |', '|---|---|---|---|---|', ...rows].join('\n') + '\n';
  }
  const w = Math.max(...rules.map((r) => r.id.length));
  return rules.map((r) => `${r.id.padEnd(w)}  ${level(r).padEnd(7)}  ${r.docs.summary}${codes(r) ? `  (${codes(r)})` : ''}`).join('\n') + '\n';
}

/** `meshlint explain RULE`: the rule's documentation, examples included. */
export function explainRule(rules: readonly Rule[], id: string): string | undefined {
  const r = rules.find((x) => x.id === id || x.istio === id || x.kiali === id);
  if (!r) return undefined;
  const out = [`${r.id} (${level(r)}, ${r.category})`, '', r.docs.summary, '', r.docs.description];
  if (codes(r)) out.push('', `Equivalent: ${codes(r)}`);
  if (r.docs.fix) out.push('', `How to fix: ${r.docs.fix}`);
  if (r.docs.bad) out.push('', 'Fires on:', '', indent(r.docs.bad));
  if (r.docs.good) out.push('', 'Stays silent on:', '', indent(r.docs.good));
  if (r.docs.notes) out.push('', `Notes: ${r.docs.notes}`);
  return out.join('\n') + '\n';
}

function indent(s: string): string {
  return s.replace(/\n$/, '').split('\n').map((l) => `    ${l}`).join('\n');
}
