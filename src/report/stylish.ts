import type { Diagnostic } from '../core/types.ts';
import { codeFrame } from './codeframe.ts';
import { paint } from './colors.ts';
import { cleanLine } from './sanitize.ts';
import { countSeverities, problemCount, resourceLabel, scannedCount, type ReportData, type ReportEnv } from './types.ts';

/** For people: findings grouped by file, each with the offending line and a caret under it. */
export function stylish(data: ReportData, env: ReportEnv): string {
  const p = paint(env.color);
  const out: string[] = [];
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of data.diagnostics) {
    let list = byFile.get(d.location.file);
    if (!list) byFile.set(d.location.file, (list = []));
    list.push(d);
  }
  for (const [file, diags] of byFile) {
    out.push(p.underline(cleanLine(file)));
    for (const d of diags) {
      const { line, column } = d.location.range.start;
      const sev = d.severity === 'error' ? p.red('error  ') : d.severity === 'warning' ? p.yellow('warning') : p.blue('info   ');
      const res = d.resource ? p.dim(` [${resourceLabel(d.resource)}]`) : '';
      out.push(`  ${p.dim(`${line}:${column}`.padEnd(7))} ${sev}  ${cleanLine(d.message)}  ${p.dim(d.ruleId)}${res}`);
      const frame = codeFrame(data.sources.get(file), d.location, p, '    ');
      if (frame) out.push(frame);
      for (const r of d.related ?? []) {
        const s = r.location.range.start;
        out.push(`    ${p.dim('↳')} ${cleanLine(r.location.file)}:${s.line}:${s.column} ${cleanLine(r.message)}`);
      }
      if (d.fix) out.push(`    ${p.green('fix:')} ${cleanLine(d.fix)}`);
    }
    out.push('');
  }
  const { errors } = countSeverities(data.diagnostics);
  const scanned = p.dim(` · ${scannedCount(data.summary)}`);
  if (!data.diagnostics.length) out.push(p.green('✔ No problems found') + scanned);
  else out.push(p.bold((errors ? p.red : p.yellow)(`✖ ${problemCount(data.diagnostics)}`)) + scanned);
  if (data.summary.suppressed) out.push(p.dim(`  ${data.summary.suppressed} suppressed`));
  return out.join('\n') + '\n';
}
