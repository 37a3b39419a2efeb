import { absolutePath } from './paths.ts';
import { cleanLine } from './sanitize.ts';
import { severityOf, type ReportData, type ReportEnv } from './types.ts';

/**
 * One line per finding, in ESLint's compact layout, so VS Code's built-in `$eslint-compact` problem matcher
 * (which wants absolute paths) and GitHub's eslint-compact matcher pick it up with no configuration.
 */
export function compact(data: ReportData, env: ReportEnv): string {
  const lines = data.diagnostics.map((d) => {
    const abs = absolutePath(d.location.file, env.cwd);
    const { line, column } = d.location.range.start;
    return `${cleanLine(abs)}: line ${line}, col ${column}, ${severityOf(d.severity)} - ${cleanLine(d.message)} (${d.ruleId})`;
  });
  return lines.length ? lines.join('\n') + '\n' : '';
}
