import type { Diagnostic } from '../core/types.ts';
import { codeFrame } from './codeframe.ts';
import { paint } from './colors.ts';
import { clean, cleanLine } from './sanitize.ts';
import { countSeverities, type ReportData, type ReportEnv } from './types.ts';

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
    out.push(p.underline(clean(file)));
    for (const d of diags) {
      const { line, column } = d.location.range.start;
      const sev = d.severity === 'error' ? p.red('error  ') : d.severity === 'warning' ? p.yellow('warning') : p.blue('info   ');
      const res = d.resource ? p.dim(` [${cleanLine(d.resource.kind)} ${cleanLine(d.resource.namespace ? d.resource.namespace + '/' : '')}${cleanLine(d.resource.name)}]`) : '';
      out.push(`  ${p.dim(`${line}:${column}`.padEnd(7))} ${sev}  ${cleanLine(d.message)}  ${p.dim(d.ruleId)}${res}`);
      const frame = codeFrame(data.sources.get(file), d.location, p, '    ');
      if (frame) out.push(frame);
      for (const r of d.related ?? []) {
        const s = r.location.range.start;
        out.push(`    ${p.dim('↳')} ${clean(r.location.file)}:${s.line}:${s.column} ${cleanLine(r.message)}`);
      }
      if (d.fix) out.push(`    ${p.green('fix:')} ${cleanLine(d.fix)}`);
    }
    out.push('');
  }
  const { errors, warnings, infos } = countSeverities(data.diagnostics);
  const total = errors + warnings + infos;
  const scanned = `${data.summary.resources} resource${data.summary.resources === 1 ? '' : 's'} in ${data.summary.files} file${data.summary.files === 1 ? '' : 's'}`;
  if (total === 0) {
    out.push(p.green(`✔ No problems found`) + p.dim(` · ${scanned}`));
  } else {
    const parts = [`${errors} error${errors === 1 ? '' : 's'}`, `${warnings} warning${warnings === 1 ? '' : 's'}`];
    if (infos) parts.push(`${infos} info${infos === 1 ? '' : 's'}`);
    const line = `✖ ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')})`;
    out.push((errors ? p.red(p.bold(line)) : p.yellow(p.bold(line))) + p.dim(` · ${scanned}`));
  }
  if (data.summary.suppressed) out.push(p.dim(`  ${data.summary.suppressed} suppressed`));
  return out.join('\n') + '\n';
}
