import type { Codes, Diagnostic, Severity, SourceFile } from '../core/types.ts';

/** What a reporter knows about a rule: plain data, so reporters never import rules. */
export interface RuleInfo {
  id: string;
  severity: Severity;
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
