import type { ReportingDescriptor } from 'sarif';
import type { Severity } from '../core/types.ts';
import type { RuleInfo } from './types.ts';

// GitHub code scanning rejects longer descriptions and shows at most 10 tags per rule.
const MAX_DESCRIPTION = 1024;
const MAX_NAME = 255;
const MAX_TAGS = 10;

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(s: Severity): SarifLevel {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };

// GitHub buckets security-severity as >= 9 critical, 7-8.9 high, 4-6.9 medium, below 4 low.
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '2.0' };

// How often a finding is a real problem: input findings are certain; cross-reference findings can depend on
// resources that were not in the scanned tree.
const PRECISION: Record<string, string> = { input: 'very-high', correctness: 'high', security: 'high', hygiene: 'medium' };

function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

/** `vs-route-weights` → `VsRouteWeights`: the user-facing name SARIF asks for. */
function pascal(id: string): string {
  return id.split(/[^a-zA-Z0-9]+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function codeList(r: RuleInfo): string[] {
  const out: string[] = [];
  if (r.codes.istio) out.push(`istioctl analyze ${r.codes.istio}${r.codes.istioAnalyzer ? ` (${r.codes.istioAnalyzer})` : ''}`);
  if (r.codes.kiali) out.push(`Kiali ${r.codes.kiali}`);
  return out;
}

/** A fence longer than any run of backticks in the text, so the example cannot close it early. */
function fenced(text: string, lang: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${text.replace(/\n+$/, '')}\n${fence}`;
}

function helpText(r: RuleInfo, docsUrl: string): string {
  const parts = [r.summary, r.description];
  if (r.fix) parts.push(`How to fix: ${r.fix}`);
  if (r.bad) parts.push(`Triggers the rule:\n${r.bad.replace(/\n+$/, '')}`);
  if (r.good) parts.push(`Fixed:\n${r.good.replace(/\n+$/, '')}`);
  const codes = codeList(r);
  if (codes.length) parts.push(`Equivalent codes: ${codes.join(', ')}.`);
  parts.push(`More: \`meshlint explain ${r.id}\`, ${docsUrl}`);
  return parts.join('\n\n');
}

function helpMarkdown(r: RuleInfo, docsUrl: string): string {
  const parts = [`**${r.summary}**`, r.description];
  if (r.fix) parts.push(`#### How to fix\n\n${r.fix}`);
  if (r.bad) parts.push(`#### Triggers the rule\n\n${fenced(r.bad, 'yaml')}`);
  if (r.good) parts.push(`#### Fixed\n\n${fenced(r.good, 'yaml')}`);
  const codes = codeList(r);
  if (codes.length) parts.push(`#### Equivalent codes\n\n${codes.map((c) => `- ${c}`).join('\n')}`);
  // GitHub does not display helpUri, so the link lives in the help body.
  parts.push(`Run \`meshlint explain ${r.id}\` for details, or see [meshlint](${docsUrl}).`);
  return parts.join('\n\n');
}

function tags(r: RuleInfo): string[] {
  const out = [r.category, 'istio', 'kubernetes'];
  if (r.codes.istio) out.push(r.codes.istio);
  if (r.codes.kiali) out.push(r.codes.kiali);
  return [...new Set(out)].slice(0, MAX_TAGS);
}

/** The reporting descriptor GitHub code scanning shows for a rule (fields as its SARIF support page lists them). */
export function ruleDescriptor(r: RuleInfo, docsUrl: string): ReportingDescriptor {
  const properties: Record<string, unknown> = {
    tags: tags(r),
    precision: PRECISION[r.category] ?? 'medium',
    'problem.severity': PROBLEM_SEVERITY[r.severity],
  };
  if (r.category === 'security') properties['security-severity'] = SECURITY_SEVERITY[r.severity];
  return {
    id: r.id,
    name: clip(pascal(r.id), MAX_NAME),
    shortDescription: { text: clip(r.summary, MAX_DESCRIPTION) },
    fullDescription: { text: clip(r.description || r.summary, MAX_DESCRIPTION) },
    help: { text: helpText(r, docsUrl), markdown: helpMarkdown(r, docsUrl) },
    defaultConfiguration: { level: sarifLevel(r.severity), ...(r.enabled === false ? { enabled: false } : {}) },
    properties,
  };
}

/** A descriptor for a finding whose rule was not passed in (e.g. a user policy), so every result has a rule. */
export function unknownRule(id: string, severity: Severity): RuleInfo {
  return { id, severity, category: 'policy', summary: `Findings of ${id}.`, description: `Findings reported under the id ${id}.`, codes: {} };
}
