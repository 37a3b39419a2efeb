import { parsePointer } from '../core/pointer.ts';
import type { Resource } from '../core/resource.ts';
import type { Codes, Severity } from '../core/types.ts';

/** A schema-stage finding before it is placed in the source. */
export interface Finding {
  ruleId: string;
  resource: Resource;
  pointer: string;
  /** Point at the member's key (unknown fields) instead of its value. */
  key?: boolean;
  message: string;
  severity?: Severity;
  codes?: Codes;
  fix?: string;
  discriminator?: string;
}

const PLAIN = /^[A-Za-z_$][\w$-]*$/;

/** `/spec/http/0/route` → `spec.http[0].route`; odd keys are quoted (`labels["app.kubernetes.io/name"]`). */
export function displayPath(pointer: string): string {
  let out = '';
  for (const t of parsePointer(pointer)) {
    if (/^\d+$/.test(t)) out += `[${t}]`;
    else if (PLAIN.test(t)) out += out ? `.${t}` : t;
    else out += `[${JSON.stringify(t)}]`;
  }
  return out || '(document)';
}

/** A value as a message shows it: strings quoted and cut short, objects by their type. */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return `string ${quote(v)}`;
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return `${typeof v} ${String(v)}`;
}

export function quote(s: string, max = 60): string {
  return JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);
}

/** `"a", "b" and "c"` */
export function quotedList(items: readonly string[], max = 8, conj = 'or'): string {
  const q = items.slice(0, max).map((s) => JSON.stringify(s));
  if (items.length > max) q.push(`… (${items.length} in all)`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} ${conj} ${q[q.length - 1]}`;
}
