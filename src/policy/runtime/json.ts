// JSON.stringify for policies: never calls toJSON or other user code, detects cycles, and stops at the
// string size cap while building (shared sub-objects can otherwise multiply the output).
import { fail, LIMITS, toNum, toStr } from './values.ts';

export function stringify(value: unknown, indent?: unknown): string | undefined {
  const pad = typeof indent === 'number' ? ' '.repeat(Math.max(0, Math.min(10, Math.floor(toNum(indent))))) : typeof indent === 'string' ? indent.slice(0, 10) : '';
  const parts: string[] = [];
  let size = 0;
  const stack: unknown[] = [];
  const push = (s: string) => {
    size += s.length;
    if (size > LIMITS.maxString) fail(`JSON.stringify output longer than ${LIMITS.maxString} characters`);
    parts.push(s);
  };
  const write = (v: unknown, depth: number): boolean => {
    if (v === null) return push('null'), true;
    switch (typeof v) {
      case 'string':
        return push(JSON.stringify(v)), true;
      case 'number':
        return push(Number.isFinite(v) ? String(v) : 'null'), true;
      case 'boolean':
        return push(String(v)), true;
      case 'undefined':
      case 'function':
      case 'symbol':
        return false;
      case 'bigint':
        return fail('JSON.stringify cannot serialise a bigint');
    }
    if (stack.includes(v)) fail('JSON.stringify: the value contains a cycle');
    stack.push(v);
    const nl = pad ? '\n' + pad.repeat(depth + 1) : '';
    const end = pad ? '\n' + pad.repeat(depth) : '';
    if (Array.isArray(v)) {
      push('[');
      v.forEach((item, i) => {
        push((i ? ',' : '') + nl);
        if (!write(item, depth + 1)) push('null');
      });
      push(v.length ? end + ']' : ']');
    } else if (v instanceof Map || v instanceof Set || v instanceof RegExp) {
      push('{}');
    } else {
      push('{');
      let first = true;
      for (const k of Object.keys(v as object)) {
        const item = (v as any)[k];
        if (item === undefined || typeof item === 'function') continue;
        push((first ? '' : ',') + nl + JSON.stringify(toStr(k)) + (pad ? ': ' : ':'));
        first = false;
        write(item, depth + 1);
      }
      push(first ? '}' : end + '}');
    }
    stack.pop();
    return true;
  };
  return write(value, 0) ? parts.join('') : undefined;
}
