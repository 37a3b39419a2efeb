import type { Diagnostic, Severity } from '../core/types.ts';
import { absolutePath, isPseudoFile, relativeTo } from './paths.ts';
import { cleanLine } from './sanitize.ts';
import { plural, problemCount, resourceLabel, scannedCount, worstFirst, type ReportData, type ReportEnv } from './types.ts';

export { githubSummary } from './github-summary.ts';

/** GitHub shows at most this many annotations of each kind (error, warning, notice) per step. */
export const ANNOTATION_LIMIT = 10;

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

// Workflow-command escaping as the runner decodes it (actions/toolkit command.ts): data escapes %, CR and
// LF; property values also escape ':' and ',', which would otherwise end the value.
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Annotation path: relative to the workspace the runner resolves it against, absolute outside it. */
function annotationPath(file: string, env: ReportEnv): string | undefined {
  if (isPseudoFile(file)) return undefined;
  return relativeTo(file, env.cwd, env.env?.GITHUB_WORKSPACE || env.root) ?? absolutePath(file, env.cwd);
}

function annotation(d: Diagnostic, env: ReportEnv): string {
  const { start, end } = d.location.range;
  const endLine = Math.max(start.line, end.line);
  const props: string[] = [];
  const file = annotationPath(d.location.file, env);
  if (file !== undefined) props.push(`file=${escapeProperty(cleanLine(file))}`);
  props.push(`line=${start.line}`);
  // Columns are accepted only on one-line annotations (actions/toolkit core README).
  const oneLine = endLine === start.line;
  if (oneLine) props.push(`col=${start.column}`);
  props.push(`endLine=${endLine}`);
  if (oneLine) props.push(`endColumn=${Math.max(start.column, end.column)}`);
  props.push(`title=${escapeProperty(`meshlint ${d.ruleId}`)}`);
  const text = [cleanLine(d.message) + (d.resource ? ` [${resourceLabel(d.resource)}]` : '')];
  for (const r of d.related ?? []) {
    const at = r.location.range.start;
    text.push(`↳ ${cleanLine(annotationPath(r.location.file, env) ?? r.location.file)}:${at.line}:${at.column} ${cleanLine(r.message)}`);
  }
  return `::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(text.join('\n'))}`;
}

/**
 * GitHub workflow commands: one annotation per finding, worst first, up to the per-step limits; what does
 * not fit is counted on one plain line (the job summary and SARIF carry the full list).
 */
export function github(data: ReportData, env: ReportEnv): string {
  const shown: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const lines: string[] = [];
  let hidden = 0;
  for (const d of worstFirst(data.diagnostics)) {
    if (shown[d.severity] >= ANNOTATION_LIMIT) {
      hidden++;
      continue;
    }
    shown[d.severity]++;
    lines.push(annotation(d, env));
  }
  if (hidden) {
    lines.push(`meshlint: ${plural(hidden, 'more problem')} not annotated (GitHub shows ${ANNOTATION_LIMIT} error, ${ANNOTATION_LIMIT} warning and ${ANNOTATION_LIMIT} notice annotations per step); see the job summary or the SARIF results`);
  }
  const scanned = scannedCount(data.summary);
  lines.push(data.diagnostics.length ? `meshlint: ${problemCount(data.diagnostics)} · ${scanned}` : `meshlint: no problems found · ${scanned}`);
  return lines.join('\n') + '\n';
}
