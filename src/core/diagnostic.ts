import { fingerprint } from './fingerprint.ts';
import { severityRank } from './severity.ts';
import type { Codes, Diagnostic, Location, RelatedLocation, ResourceRef, Severity } from './types.ts';

export interface DiagnosticInput {
  ruleId: string;
  severity: Severity;
  message: string;
  location: Location;
  resource?: ResourceRef;
  codes?: Codes;
  related?: RelatedLocation[];
  fix?: string;
  /** Distinguishes two findings of one rule on the same field (e.g. two conflicting peers). */
  discriminator?: string;
}

export function makeDiagnostic(d: DiagnosticInput): Diagnostic {
  const out: Diagnostic = {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    location: d.location,
    fingerprint: fingerprint(d.ruleId, d.resource, d.location.file, d.location.pointer, d.discriminator),
  };
  if (d.resource) out.resource = d.resource;
  if (d.codes && Object.keys(d.codes).length) out.codes = d.codes;
  if (d.related?.length) out.related = d.related;
  if (d.fix) out.fix = d.fix;
  return out;
}

/** Deterministic order: file, line, column, severity, rule, message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.location.file;
  const fb = b.location.file;
  if (fa !== fb) return fa < fb ? -1 : 1;
  const sa = a.location.range.start;
  const sb = b.location.range.start;
  if (sa.line !== sb.line) return sa.line - sb.line;
  if (sa.column !== sb.column) return sa.column - sb.column;
  const r = severityRank(a.severity) - severityRank(b.severity);
  if (r) return r;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** A location covering the first character of a file, for findings about a file as a whole. */
export function fileLocation(file: string): Location {
  const p = { line: 1, column: 1, offset: 0 };
  return { file, range: { start: p, end: p } };
}
