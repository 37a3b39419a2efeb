// The value model policies see. Policy code never touches a native prototype, a native function or an
// inherited property: reads go through `getMember` (own data only), calls through `callValue` (only
// functions the interpreter made or whitelisted), conversions through `toStr`/`toNum` (never a user method).

/** Marks functions a policy may call: its own closures and whitelisted built-ins. Policies cannot name symbols. */
export const CALLABLE = Symbol('policy-callable');
/** Marks built-ins that `new` accepts (Set, Map). */
export const CONSTRUCT = Symbol('policy-construct');

// Objects and arrays the policy built (literals, copies, method results) carry this mark. Only these can be
// changed: resources and graph answers never get it, so they are read-only without the cost of freezing them.
// A symbol-keyed property rather than a WeakSet: policies cannot name symbols, Object.keys, spread and JSON skip
// them, and a WeakSet of every object a policy builds costs each garbage collection dearly.
const OWNED = Symbol('policy-owned');

/** Marks a value the policy built as its own (writable). */
export function own<T extends object>(v: T): T {
  (v as any)[OWNED] = true;
  return v;
}

/** `own` for a list and each of its elements (entries pairs, match lists). */
export function ownAll<T extends object>(list: T[]): T[] {
  for (const x of list) if (typeof x === 'object' && x !== null) (x as any)[OWNED] = true;
  return own(list);
}

export const READ_ONLY = 'resources and graph answers are read-only';

export function isOwned(v: object): boolean {
  return (v as any)[OWNED] === true;
}

/** Property names that lead to prototypes or the Function constructor; never readable or writable. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

export const LIMITS = {
  /** Longest string a policy may build. */
  maxString: 1 << 22,
  /** Most elements in an array, Set or Map a policy builds. */
  maxArray: 1 << 20,
  /** Deepest call nesting. */
  maxDepth: 200,
};

/** An error in policy code: becomes a `policy-error` finding. `at` is the policy source position when known. */
export class PolicyRuntimeError extends Error {
  constructor(message: string, public at?: SourcePos) {
    super(message);
  }
}

/** The step budget ran out: the policy stops for the rest of the run. */
export class BudgetExceeded extends PolicyRuntimeError {}

export interface SourcePos {
  line: number;
  column: number;
}

/** Mutable interpreter state shared by all compiled code (one policy runs at a time per thread). */
export const rt = {
  steps: 0,
  budget: Infinity,
  depth: 0,
  /** The value of the `return` being unwound. */
  ret: undefined as unknown,
  /** Position of the statement being run, for errors raised by native code. */
  pos: undefined as SourcePos | undefined,
};

export function tick(): void {
  if (++rt.steps > rt.budget) throw new BudgetExceeded(`step budget of ${rt.budget} exhausted (an endless loop or runaway recursion?)`, rt.pos);
}

export function fail(message: string, at?: SourcePos): never {
  throw new PolicyRuntimeError(message, at ?? rt.pos);
}

export function markCallable<F extends Function>(fn: F): F {
  Object.defineProperty(fn, CALLABLE, { value: true });
  return fn;
}

export function isCallable(v: unknown): v is (...a: unknown[]) => unknown {
  return typeof v === 'function' && (v as any)[CALLABLE] === true;
}

const ObjectProto = Object.prototype;
const hasOwn = Object.hasOwn;
const getProto = Object.getPrototypeOf;

/** A plain data object (resource data, an object literal, a built-in namespace). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const p = getProto(v);
  return p === ObjectProto || p === null;
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Map) return 'a Map';
  if (v instanceof Set) return 'a Set';
  if (v instanceof RegExp) return 'a regular expression';
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object') return 'an object';
  return typeof v === 'string' ? 'a string' : String(v);
}

export function checkKey(key: string, at?: SourcePos): void {
  if (FORBIDDEN_KEYS.has(key)) fail(`the property "${key}" is not accessible in policies`, at);
}

/** Property key of a computed access, converted without calling user code. */
export function toKey(k: unknown): string | number {
  if (typeof k === 'number') return k;
  return typeof k === 'string' ? k : toStr(k);
}

/** `obj.key` / `obj[key]`: own data properties, array and string indexes and lengths, collection sizes. */
export function getMember(obj: unknown, key: string | number, at?: SourcePos): unknown {
  if (typeof obj === 'object' && obj !== null) {
    if (Array.isArray(obj)) {
      if (typeof key === 'number') return obj[key];
      if (key === 'length') return obj.length;
      const n = Number(key);
      if (Number.isInteger(n) && n >= 0 && String(n) === key) return obj[n];
      return methodRead(obj, key, at);
    }
    const p = getProto(obj);
    if (p === ObjectProto || p === null) {
      if (typeof key === 'string' && FORBIDDEN_KEYS.has(key)) checkKey(key, at);
      return hasOwn(obj, key) ? (obj as any)[key] : undefined;
    }
    if (obj instanceof Map || obj instanceof Set) {
      if (key === 'size') return obj.size;
      return methodRead(obj, key, at);
    }
    if (obj instanceof RegExp) {
      if (key === 'source' || key === 'flags' || key === 'global' || key === 'lastIndex') return obj[key];
      return methodRead(obj, key, at);
    }
    return fail(`cannot read "${key}" of ${describe(obj)}`, at);
  }
  if (typeof obj === 'string') {
    if (typeof key === 'number') return obj[key];
    if (key === 'length') return obj.length;
    return methodRead(obj, key, at);
  }
  if (obj === undefined || obj === null) return fail(`cannot read "${key}" of ${obj} (use ?. when it may be missing)`, at);
  if (typeof key === 'string') checkKey(key, at);
  // Built-in namespaces that are also functions (Number.isInteger, String.raw…): own properties only.
  if (typeof obj === 'function') return isCallable(obj) && Object.hasOwn(obj, key) ? (obj as any)[key] : undefined;
  return undefined;
}

/** Names of the whitelisted methods (filled by methods.ts), for a helpful error when one is read without a call. */
export const METHOD_NAMES = new Set<string>();

function methodRead(obj: unknown, key: string | number, at?: SourcePos): undefined {
  if (typeof key !== 'string') return undefined;
  checkKey(key, at);
  if (METHOD_NAMES.has(key)) fail(`"${key}" of ${describe(obj)} can only be called directly, as x.${key}(…)`, at);
  return undefined;
}

/** `obj.key = value`: allowed on objects and arrays the policy built; resources and graph answers are read-only. */
export function setMember(obj: unknown, key: string | number, value: unknown, at?: SourcePos): void {
  if (typeof key === 'string') checkKey(key, at);
  if (typeof obj !== 'object' || obj === null) fail(`cannot set "${key}" on ${describe(obj)}`, at);
  if (!isOwned(obj)) fail(`cannot modify "${key}": ${READ_ONLY} (copy them with {...x} or [...x])`, at);
  if (Array.isArray(obj)) {
    const n = typeof key === 'number' ? key : key === 'length' ? Number(value) : Number(key);
    if (Number.isFinite(n) && n >= LIMITS.maxArray) fail(`array would grow beyond ${LIMITS.maxArray} elements`, at);
    (obj as any)[key] = value;
    return;
  }
  if (!isPlainObject(obj)) fail(`cannot set "${key}" on ${describe(obj)}`, at);
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else (obj as any)[key] = value;
}

/** Defines an own property (object literals, rest patterns): never invokes a setter, never changes a prototype. */
export function defineData(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

export function checkString(s: string, at?: SourcePos): string {
  if (s.length > LIMITS.maxString) fail(`string longer than ${LIMITS.maxString} characters`, at);
  return s;
}

export function checkLength(n: number, at?: SourcePos): void {
  if (n > LIMITS.maxArray) fail(`array, Set or Map larger than ${LIMITS.maxArray} elements`, at);
}

/** String conversion as in JavaScript, except that objects never run their own methods. */
export function toStr(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'boolean':
    case 'undefined':
    case 'bigint':
      return String(v);
    case 'function':
      return 'function';
    case 'symbol':
      return v.toString();
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) return joinArray(v, ',');
  if (v instanceof RegExp) return String(v);
  if (v instanceof Map) return '[object Map]';
  if (v instanceof Set) return '[object Set]';
  return '[object Object]';
}

/** `Array.prototype.join` with a running size check (nested shared arrays can otherwise blow up). */
export function joinArray(arr: readonly unknown[], sep: string, seen: Set<unknown> = new Set()): string {
  if (seen.has(arr)) return '';
  seen.add(arr);
  let out = '';
  for (let i = 0; i < arr.length; i++) {
    if (i) out += sep;
    const v = arr[i];
    if (v !== undefined && v !== null) out += Array.isArray(v) ? joinArray(v, ',', seen) : toStr(v);
    if (out.length > LIMITS.maxString) fail(`string longer than ${LIMITS.maxString} characters`);
  }
  seen.delete(arr);
  return out;
}

export function toNum(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null) return Number(toStr(v));
  return Number(v);
}

export function toPrimitive(v: unknown): unknown {
  return typeof v === 'object' && v !== null ? toStr(v) : typeof v === 'function' ? 'function' : v;
}

/** Calls a policy-callable value; anything else is an error. */
export function callValue(fn: unknown, args: unknown[], what: string, at?: SourcePos): unknown {
  if (isCallable(fn)) return fn(...args);
  return fail(`${what} is ${describe(fn)}, not a function`, at);
}
