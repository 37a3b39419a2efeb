import type { Diagnostic, Location } from '../core/types.ts';
import { safeJson } from './sanitize.ts';
import { countSeverities, type ReportData } from './types.ts';

function location(l: Location) {
  const out: Record<string, unknown> = { file: l.file, line: l.range.start.line, column: l.range.start.column, endLine: l.range.end.line, endColumn: l.range.end.column };
  if (l.pointer !== undefined) out.pointer = l.pointer;
  return out;
}

function diagnostic(d: Diagnostic) {
  const out: Record<string, unknown> = { rule: d.ruleId, severity: d.severity, message: d.message };
  if (d.codes) out.codes = d.codes;
  if (d.resource) out.resource = d.resource;
  out.location = location(d.location);
  if (d.related) out.related = d.related.map((r) => ({ message: r.message, location: location(r.location), ...(r.resource ? { resource: r.resource } : {}) }));
  if (d.fix) out.fix = d.fix;
  out.fingerprint = d.fingerprint;
  return out;
}

/** The versioned machine contract (DESIGN.md); `fix`, `related[].resource` and `summary.suppressed` are additions. */
export function json(data: ReportData): string {
  const { errors, warnings, infos } = countSeverities(data.diagnostics);
  return safeJson({
    version: 1,
    tool: { name: data.tool.name, version: data.tool.version },
    diagnostics: data.diagnostics.map(diagnostic),
    summary: { errors, warnings, infos, files: data.summary.files, resources: data.summary.resources, durationMs: Math.round(data.summary.durationMs), suppressed: data.summary.suppressed },
  });
}
