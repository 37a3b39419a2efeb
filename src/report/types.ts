import { severityRank } from '../core/severity.ts';
import type { Codes, Diagnostic, ResourceRef, Severity, SourceFile } from '../core/types.ts';
import { cleanLine } from './sanitize.ts';

/** What a reporter knows about a rule: plain data, so reporters never import rules. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  /** False for rules that run only when a level is set for them. */
  enabled?: boolean;
  category: string;
  summary: string;
  description: string;
  fix?: string;
  bad?: string;
  good?: string;
  codes: Codes;
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  files: number;
  resources: number;
  durationMs: number;
  suppressed: number;
}

export interface ReportData {
  diagnostics: readonly Diagnostic[];
  /** Sources by display path, for code frames and SARIF snippets. */
  sources: ReadonlyMap<string, SourceFile>;
  rules: readonly RuleInfo[];
  summary: Summary;
  tool: { name: string; version: string; informationUri: string };
}

export interface ReportEnv {
  cwd: string;
  /** Directory SARIF paths are relative to (the git root, else the cwd). */
  root: string;
  color: boolean;
  columns: number;
  /** GitHub Actions: base URL for links to lines, when known. */
  env?: Readonly<Record<string, string | undefined>>;
}

export type Reporter = (data: ReportData, env: ReportEnv) => string;

export function countSeverities(diags: readonly Diagnostic[]): Pick<Summary, 'errors' | 'warnings' | 'infos'> {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diags) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

export function severityOf(s: Severity): string {
  return s === 'error' ? 'Error' : s === 'warning' ? 'Warning' : 'Info';
}

/** The findings, most severe first; equal severities keep their (file, line) order. */
export function worstFirst<T extends { severity: Severity }>(diags: readonly T[]): T[] {
  return [...diags].sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
}

/** `Kind namespace/name` (or `Kind name` for cluster-scoped objects), safe to print. */
export function resourceLabel(r: ResourceRef): string {
  return cleanLine(`${r.kind} ${r.namespace ? r.namespace + '/' : ''}${r.name}`);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** ESLint's count line without the mark: `3 problems (2 errors, 1 warning)`, infos only when there are any. */
export function problemCount(diags: readonly Diagnostic[]): string {
  const { errors, warnings, infos } = countSeverities(diags);
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (infos) parts.push(plural(infos, 'info'));
  return `${plural(errors + warnings + infos, 'problem')} (${parts.join(', ')})`;
}

/** `12 resources in 3 files`. */
export function scannedCount(s: Pick<Summary, 'resources' | 'files'>): string {
  return `${plural(s.resources, 'resource')} in ${plural(s.files, 'file')}`;
}
