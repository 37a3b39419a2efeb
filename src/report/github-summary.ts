import type { Diagnostic } from '../core/types.ts';
import { relativeTo, relativeUri } from './paths.ts';
import { cleanLine } from './sanitize.ts';
import { countSeverities, problemCount, scannedCount, worstFirst, type ReportData, type ReportEnv } from './types.ts';

// A step summary over 1 MiB is rejected; these caps keep ours far below (about 150 rows of bounded cells).
const TOP_FINDINGS = 50;
const MAX_RULE_ROWS = 100;
const MAX_CELL = 300;

/** Text for a Markdown table cell: one line, clipped, with the characters that would format or break it escaped. */
function cell(s: string): string {
  const line = cleanLine(s);
  const clipped = line.length > MAX_CELL ? line.slice(0, MAX_CELL - 1) + '…' : line;
  return clipped.replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

function ruleRows(diags: readonly Diagnostic[]): string[] {
  const byRule = new Map<string, Diagnostic[]>();
  for (const d of diags) {
    const list = byRule.get(d.ruleId);
    if (list) list.push(d);
    else byRule.set(d.ruleId, [d]);
  }
  const rows = [...byRule].map(([id, list]) => ({ id, ...countSeverities(list) }));
  rows.sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || b.infos - a.infos || (a.id < b.id ? -1 : 1));
  const out = ['| Rule | Errors | Warnings | Infos |', '| --- | ---: | ---: | ---: |'];
  for (const r of rows.slice(0, MAX_RULE_ROWS)) out.push(`| ${cell(r.id)} | ${r.errors} | ${r.warnings} | ${r.infos} |`);
  if (rows.length > MAX_RULE_ROWS) out.push(`| …and ${rows.length - MAX_RULE_ROWS} more rules | | | |`);
  return out;
}

/** `[mesh/vs.yaml:14:9](…/blob/<sha>/mesh/vs.yaml#L14)` when the run knows its repository, else the plain position. */
function locationCell(d: Diagnostic, env: ReportEnv): string {
  const { start, end } = d.location.range;
  const rel = relativeTo(d.location.file, env.cwd, env.root);
  const text = cell(`${rel ?? d.location.file}:${start.line}:${start.column}`);
  const vars = env.env ?? {};
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = vars;
  if (rel === undefined || !server || !repo || !sha) return text;
  const lines = end.line > start.line ? `L${start.line}-L${end.line}` : `L${start.line}`;
  return `[${text}](${server}/${repo}/blob/${sha}/${relativeUri(rel)}#${lines})`;
}

/**
 * The job summary (GitHub-flavoured Markdown for $GITHUB_STEP_SUMMARY): counts per rule and the most
 * severe findings, linked to their lines when GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA are set.
 */
export function githubSummary(data: ReportData, env: ReportEnv): string {
  const out = [`### ${cell(data.tool.name)}`, ''];
  const scanned = scannedCount(data.summary);
  if (!data.diagnostics.length) {
    out.push(`✔ No problems found · ${scanned}`);
    return out.join('\n') + '\n';
  }
  out.push(`✖ **${problemCount(data.diagnostics)}** · ${scanned}`, '', ...ruleRows(data.diagnostics), '');
  const top = worstFirst(data.diagnostics).slice(0, TOP_FINDINGS);
  out.push(top.length < data.diagnostics.length ? `#### The ${top.length} most severe findings` : '#### Findings', '');
  out.push('| Severity | Location | Rule | Message |', '| --- | --- | --- | --- |');
  for (const d of top) out.push(`| ${d.severity} | ${locationCell(d, env)} | ${cell(d.ruleId)} | ${cell(d.message)} |`);
  const rest = data.diagnostics.length - top.length;
  if (rest > 0) out.push('', `…and ${rest} more: the SARIF results and \`meshlint --format json\` list every finding.`);
  return out.join('\n') + '\n';
}
