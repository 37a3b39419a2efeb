import { resourceLabel } from '../../core/resource.ts';
import type { Diagnostic, Location, SourceFile } from '../../core/types.ts';
import type { RuleInfo } from '../types.ts';
import { BLANK, frameLines, text, wrapped, type Line } from './lines.ts';

export interface DetailSources {
  sources: ReadonlyMap<string, SourceFile>;
  rules: ReadonlyMap<string, RuleInfo>;
}

function where(loc: Location): string {
  const s = loc.range.start;
  return `${loc.file}:${s.line}:${s.column}`;
}

function codesOf(r: RuleInfo | undefined, d: Diagnostic): string {
  const c = d.codes ?? r?.codes ?? {};
  return [c.istio, c.kiali].filter(Boolean).join(' · ');
}

/** Everything about one finding, as screen lines: message, code frame, fix, the rule's explanation, related locations. */
export function detailLines(d: Diagnostic, src: DetailSources, width: number): Line[] {
  const rule = src.rules.get(d.ruleId);
  const out: Line[] = [];
  const codes = codesOf(rule, d);
  out.push([text(d.severity.toUpperCase(), d.severity), text('  '), text(d.ruleId, 'accent'), ...(codes ? [text(`  ${codes}`, 'muted')] : [])]);
  out.push(...wrapped(d.message, width, 'heading'));
  out.push([text(d.resource ? `${resourceLabel(d.resource)} · ` : '', 'muted'), text(where(d.location), 'muted')]);
  out.push(BLANK);
  out.push(...frameLines(src.sources.get(d.location.file), d.location.range, { context: 2, width }));

  if (d.fix) {
    out.push(BLANK);
    out.push(...wrapped(`Fix: ${d.fix}`, width, 'fix'));
  }
  if (rule) {
    out.push(BLANK);
    out.push([text('Rule ', 'heading'), text(rule.id, 'accent'), text(` (${rule.category}, default ${rule.severity})`, 'muted')]);
    out.push(...wrapped(rule.summary, width, undefined, '  '));
    if (rule.description) out.push(...wrapped(rule.description, width, 'muted', '  '));
    if (rule.fix && rule.fix !== d.fix) out.push(...wrapped(`How to fix: ${rule.fix}`, width, 'fix', '  '));
  }
  const related = d.related ?? [];
  if (related.length) {
    out.push(BLANK);
    out.push([text(`Related locations (${related.length})`, 'heading')]);
    for (const r of related) {
      out.push([text('↳ ', 'accent'), text(r.message)]);
      out.push([text(`  ${r.resource ? resourceLabel(r.resource) + ' · ' : ''}${where(r.location)}`, 'muted')]);
      out.push(...frameLines(src.sources.get(r.location.file), r.location.range, { context: 1, maxLines: 3, width, indent: '    ' }));
    }
  }
  return out;
}
