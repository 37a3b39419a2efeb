import type { ArtifactLocation, Log, Notification, PhysicalLocation, Result, Run } from 'sarif';
import { severityRank } from '../core/severity.ts';
import type { Diagnostic, Location, RelatedLocation } from '../core/types.ts';
import { absolutePath, fileUri, isPseudoFile, relativeTo, relativeUri } from './paths.ts';
import { cleanLine, safeJson } from './sanitize.ts';
import { ruleDescriptor, sarifLevel, unknownRule } from './sarif-rules.ts';
import { resourceLabel, type ReportData, type ReportEnv, type RuleInfo } from './types.ts';

/** GitHub code scanning rejects a run with more results than this. */
export const MAX_RESULTS = 25_000;
const SRCROOT = '%SRCROOT%';

export interface SarifOptions {
  maxResults?: number;
}

/** SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, every rule, one result per finding. */
export function sarif(data: ReportData, env: ReportEnv): string {
  return safeJson(sarifLog(data, env));
}

export function sarifLog(data: ReportData, env: ReportEnv, opts: SarifOptions = {}): Log {
  const max = opts.maxResults ?? MAX_RESULTS;
  const rules = ruleList(data);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const kept = mostSevere(data.diagnostics, max);
  const notifications: Notification[] = [];
  if (kept.length < data.diagnostics.length) {
    notifications.push({
      level: 'warning',
      message: { text: `Only the ${kept.length} most severe of ${data.diagnostics.length} results are included: GitHub code scanning accepts at most ${MAX_RESULTS} results per run. Use --format json for the full list.` },
    });
  }
  const run: Run = {
    tool: { driver: { name: data.tool.name, semanticVersion: data.tool.version, informationUri: data.tool.informationUri, rules: rules.map((r) => ruleDescriptor(r, data.tool.informationUri)) } },
    // A fixed category, so re-uploads replace earlier alerts instead of adding a second analysis.
    automationDetails: { id: `${data.tool.name}/` },
    originalUriBaseIds: { [SRCROOT]: { uri: fileUri(absolutePath(env.root, env.cwd), true) } },
    invocations: [{ executionSuccessful: !data.diagnostics.some((d) => d.ruleId === 'internal-error'), toolExecutionNotifications: notifications }],
    columnKind: 'utf16CodeUnits',
    results: kept.map((d) => result(d, ruleIndex.get(d.ruleId)!, env)),
  };
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
}

/** The rules passed in, plus a plain entry for any finding whose rule was not (every result needs a rule). */
function ruleList(data: ReportData): RuleInfo[] {
  const known = new Set(data.rules.map((r) => r.id));
  const extra = new Map<string, RuleInfo>();
  for (const d of data.diagnostics) {
    if (!known.has(d.ruleId) && !extra.has(d.ruleId)) extra.set(d.ruleId, unknownRule(d.ruleId, d.severity));
  }
  return [...data.rules, ...[...extra.values()].sort((a, b) => (a.id < b.id ? -1 : 1))];
}

/** Keeps the `max` most severe findings, in their original order. */
function mostSevere(diags: readonly Diagnostic[], max: number): readonly Diagnostic[] {
  if (diags.length <= max) return diags;
  const order = diags.map((_, i) => i);
  order.sort((a, b) => severityRank(diags[a].severity) - severityRank(diags[b].severity) || a - b);
  return order.slice(0, max).sort((a, b) => a - b).map((i) => diags[i]);
}

function result(d: Diagnostic, ruleIndex: number, env: ReportEnv): Result {
  const related = d.related ?? [];
  const out: Result = {
    ruleId: d.ruleId,
    ruleIndex,
    level: sarifLevel(d.severity),
    message: { text: messageText(d, related, env) },
    locations: [{
      physicalLocation: physical(d.location, env),
      ...(d.resource ? { logicalLocations: [{ fullyQualifiedName: resourceLabel(d.resource), kind: 'resource' }] } : {}),
    }],
  };
  if (related.length) {
    out.relatedLocations = related.map((r, i) => ({ id: i + 1, physicalLocation: physical(r.location, env), message: { text: cleanLine(r.message) } }));
  }
  // Our own key only: upload-sarif computes primaryLocationLineHash from the file, and a value we wrote
  // that differs from its own would be kept and churn alerts.
  out.partialFingerprints = { 'meshlint/v1': d.fingerprint };
  return out;
}

// In SARIF message text, `[text](n)` links to relatedLocations id n; literal brackets must be escaped.
const escapeBrackets = (s: string) => s.replace(/[[\]]/g, '\\$&');

function messageText(d: Diagnostic, related: readonly RelatedLocation[], env: ReportEnv): string {
  const text = escapeBrackets(cleanLine(d.message));
  if (!related.length) return text;
  const links = related.map((r, i) => `[${escapeBrackets(relatedLabel(r, env))}](${i + 1})`);
  return `${text} (see ${links.join(', ')})`;
}

function relatedLabel(r: RelatedLocation, env: ReportEnv): string {
  if (r.resource) return resourceLabel(r.resource);
  const file = relativeTo(r.location.file, env.cwd, env.root) ?? r.location.file;
  return cleanLine(`${file}:${r.location.range.start.line}`);
}

function artifact(file: string, env: ReportEnv): ArtifactLocation {
  const rel = relativeTo(file, env.cwd, env.root);
  if (rel !== undefined) return { uri: relativeUri(rel), uriBaseId: SRCROOT };
  if (isPseudoFile(file)) return { uri: encodeURIComponent(file) };
  return { uri: fileUri(absolutePath(file, env.cwd)) };
}

function physical(loc: Location, env: ReportEnv): PhysicalLocation {
  const { start, end } = loc.range;
  const after = end.line > start.line || (end.line === start.line && end.column >= start.column);
  return {
    artifactLocation: artifact(loc.file, env),
    region: { startLine: start.line, startColumn: start.column, endLine: after ? end.line : start.line, endColumn: after ? end.column : start.column },
  };
}
