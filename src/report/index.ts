import { compact } from './compact.ts';
import { github } from './github.ts';
import { json } from './json.ts';
import { sarif } from './sarif.ts';
import { stylish } from './stylish.ts';
import type { ReportData, ReportEnv, Reporter } from './types.ts';

export type { ReportData, ReportEnv, Reporter, RuleInfo, Summary } from './types.ts';
export { countSeverities } from './types.ts';
export { wantsColor } from './colors.ts';
export { githubSummary } from './github-summary.ts';
export { sarifLog, MAX_RESULTS } from './sarif.ts';

/** Formats that print text; `tui` is interactive and lives apart so its dependencies load only when used. */
export const REPORTERS: Readonly<Record<string, Reporter>> = {
  stylish,
  compact,
  json,
  sarif,
  github,
};

export function render(format: string, data: ReportData, env: ReportEnv): string {
  const r = REPORTERS[format];
  if (!r) throw new Error(`unknown format "${format}"`);
  return r(data, env);
}
