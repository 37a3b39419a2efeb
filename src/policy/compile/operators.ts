// Operators with JavaScript semantics on primitives, and conversions that never run user code on objects.
import { checkString, describe, fail, isPlainObject, LIMITS, toNum, toPrimitive, toStr, type SourcePos } from '../runtime/values.ts';

export type Binary = (a: any, b: any, at?: SourcePos) => unknown;

export function add(a: any, b: any, at?: SourcePos): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  const pa = toPrimitive(a);
  const pb = toPrimitive(b);
  if (typeof pa === 'string' || typeof pb === 'string') {
    const sa = toStr(pa);
    const sb = toStr(pb);
    if (sa.length + sb.length > LIMITS.maxString) fail(`string longer than ${LIMITS.maxString} characters`, at);
    return sa + sb;
  }
  return (pa as number) + (pb as number);
}

function looseEquals(a: unknown, b: unknown): boolean {
  const objA = (typeof a === 'object' && a !== null) || typeof a === 'function';
  const objB = (typeof b === 'object' && b !== null) || typeof b === 'function';
  // Comparing an object with a primitive would call its valueOf/toString: compare identities instead.
  return objA || objB ? a === b : a == b;
}

function compare(a: unknown, b: unknown): [any, any] {
  return [toPrimitive(a), toPrimitive(b)];
}

export function inOperator(key: unknown, obj: unknown, at?: SourcePos): boolean {
  const k = typeof key === 'number' ? key : toStr(key);
  if (Array.isArray(obj)) return k === 'length' || (Number.isInteger(Number(k)) && Number(k) >= 0 && Number(k) < obj.length);
  if (isPlainObject(obj)) return Object.hasOwn(obj, k);
  return fail(`"in" needs an object on its right, got ${describe(obj)}${obj instanceof Map || obj instanceof Set ? ' (use .has(key))' : ''}`, at);
}

export const BINARY: Record<string, Binary> = {
  '+': add,
  '-': (a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : toNum(a) - toNum(b)),
  '*': (a, b) => (typeof a === 'number' && typeof b === 'number' ? a * b : toNum(a) * toNum(b)),
  '/': (a, b) => toNum(a) / toNum(b),
  '%': (a, b) => toNum(a) % toNum(b),
  '**': (a, b) => toNum(a) ** toNum(b),
  '===': (a, b) => a === b,
  '!==': (a, b) => a !== b,
  '==': looseEquals,
  '!=': (a, b) => !looseEquals(a, b),
  '<': (a, b) => (typeof a === typeof b && (typeof a === 'string' || typeof a === 'number') ? a < b : ((a = compare(a, b)), a[0] < a[1])),
  '>': (a, b) => (typeof a === typeof b && (typeof a === 'string' || typeof a === 'number') ? a > b : ((a = compare(a, b)), a[0] > a[1])),
  '<=': (a, b) => (typeof a === typeof b && (typeof a === 'string' || typeof a === 'number') ? a <= b : ((a = compare(a, b)), a[0] <= a[1])),
  '>=': (a, b) => (typeof a === typeof b && (typeof a === 'string' || typeof a === 'number') ? a >= b : ((a = compare(a, b)), a[0] >= a[1])),
  '&': (a, b) => toNum(a) & toNum(b),
  '|': (a, b) => toNum(a) | toNum(b),
  '^': (a, b) => toNum(a) ^ toNum(b),
  '<<': (a, b) => toNum(a) << toNum(b),
  '>>': (a, b) => toNum(a) >> toNum(b),
  '>>>': (a, b) => toNum(a) >>> toNum(b),
  in: inOperator,
};

export const UNARY: Record<string, (v: any) => unknown> = {
  '!': (v) => !v,
  '-': (v) => -toNum(v),
  '+': (v) => toNum(v),
  '~': (v) => ~toNum(v),
  typeof: (v) => typeof v,
  void: () => undefined,
};

/** Template literal: cooked strings around converted values, size-checked. */
export function template(quasis: readonly string[], values: readonly unknown[], at?: SourcePos): string {
  let s = quasis[0];
  for (let i = 0; i < values.length; i++) {
    s += toStr(values[i]) + quasis[i + 1];
    if (s.length > LIMITS.maxString) checkString(s, at);
  }
  return s;
}
