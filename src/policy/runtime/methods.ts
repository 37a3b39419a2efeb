// Whitelisted methods by receiver type. Each entry validates its callbacks (only policy functions), caps
// what it builds, and returns arrays where JavaScript would return an iterator (documented in the README).
import { checkLength, checkString, describe, fail, getMember, isCallable, isOwned, isPlainObject, joinArray, LIMITS, METHOD_NAMES, own, ownAll, READ_ONLY, toNum, toStr, type SourcePos } from './values.ts';

type Method = (recv: any, args: unknown[], at?: SourcePos) => unknown;

function table(methods: Record<string, Method>): Record<string, Method> {
  const t: Record<string, Method> = Object.create(null);
  for (const [k, m] of Object.entries(methods)) {
    t[k] = m;
    METHOD_NAMES.add(k);
  }
  return t;
}

function fnArg(v: unknown, name: string, at?: SourcePos): (...a: unknown[]) => unknown {
  if (!isCallable(v)) fail(`${name} expects a function, got ${describe(v)}`, at);
  return v;
}

function writable(recv: object, name: string, at?: SourcePos): void {
  if (!isOwned(recv)) fail(`cannot ${name}: ${READ_ONLY} (copy with [...x] first, or use toSorted/toReversed)`, at);
}

const defaultCompare = (a: unknown, b: unknown) => {
  const x = toStr(a);
  const y = toStr(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Iterable policy values as an array (arrays, strings, Sets, Maps), capped. */
export function toArray(v: unknown, what: string, at?: SourcePos): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string' || v instanceof Set || v instanceof Map) {
    const size = typeof v === 'string' ? v.length : v.size;
    checkLength(size, at);
    return Array.from(v as Iterable<unknown>);
  }
  return fail(`${what}: ${describe(v)} is not iterable (use Object.keys/values/entries for objects)`, at);
}

function flatten(arr: readonly unknown[], depth: number, out: unknown[], at?: SourcePos): unknown[] {
  for (const v of arr) {
    if (Array.isArray(v) && depth > 0) flatten(v, depth - 1, out, at);
    else out.push(v);
    if (out.length > LIMITS.maxArray) checkLength(out.length, at);
  }
  return out;
}

const ARRAY = table({
  at: (r, a) => r.at(toNum(a[0])),
  concat: (r: unknown[], a, at) => {
    let n = r.length;
    for (const x of a) n += Array.isArray(x) ? x.length : 1;
    checkLength(n, at);
    return own(r.concat(...a.map((x) => (Array.isArray(x) ? x : [x]))));
  },
  entries: (r: unknown[]) => ownAll(r.map((v, i) => [i, v])),
  every: (r, a, at) => r.every(fnArg(a[0], 'every', at)),
  filter: (r, a, at) => own(r.filter(fnArg(a[0], 'filter', at))),
  find: (r, a, at) => r.find(fnArg(a[0], 'find', at)),
  findIndex: (r, a, at) => r.findIndex(fnArg(a[0], 'findIndex', at)),
  findLast: (r, a, at) => r.findLast(fnArg(a[0], 'findLast', at)),
  findLastIndex: (r, a, at) => r.findLastIndex(fnArg(a[0], 'findLastIndex', at)),
  flat: (r, a, at) => own(flatten(r, a[0] === undefined ? 1 : toNum(a[0]), [], at)),
  flatMap: (r: unknown[], a, at) => own(flatten(r.map(fnArg(a[0], 'flatMap', at)), 1, [], at)),
  forEach: (r, a, at) => r.forEach(fnArg(a[0], 'forEach', at)),
  includes: (r, a) => r.includes(a[0], a[1] === undefined ? undefined : toNum(a[1])),
  indexOf: (r, a) => r.indexOf(a[0], a[1] === undefined ? undefined : toNum(a[1])),
  join: (r, a) => joinArray(r, a[0] === undefined ? ',' : toStr(a[0])),
  keys: (r: unknown[]) => own(r.map((_, i) => i)),
  lastIndexOf: (r, a) => (a.length > 1 ? r.lastIndexOf(a[0], toNum(a[1])) : r.lastIndexOf(a[0])),
  map: (r, a, at) => own(r.map(fnArg(a[0], 'map', at))),
  pop: (r, _a, at) => (writable(r, 'pop', at), r.pop()),
  push: (r, a, at) => (writable(r, 'push', at), checkLength(r.length + a.length, at), r.push(...a)),
  reduce: (r, a, at) => (a.length > 1 ? r.reduce(fnArg(a[0], 'reduce', at), a[1]) : r.reduce(fnArg(a[0], 'reduce', at))),
  reduceRight: (r, a, at) => (a.length > 1 ? r.reduceRight(fnArg(a[0], 'reduceRight', at), a[1]) : r.reduceRight(fnArg(a[0], 'reduceRight', at))),
  reverse: (r, _a, at) => (writable(r, 'reverse', at), r.reverse()),
  shift: (r, _a, at) => (writable(r, 'shift', at), r.shift()),
  slice: (r, a) => own(r.slice(a[0] === undefined ? undefined : toNum(a[0]), a[1] === undefined ? undefined : toNum(a[1]))),
  some: (r, a, at) => r.some(fnArg(a[0], 'some', at)),
  sort: (r, a, at) => (writable(r, 'sort', at), r.sort(a[0] === undefined ? defaultCompare : fnArg(a[0], 'sort', at))),
  splice: (r, a, at) => (writable(r, 'splice', at), checkLength(r.length + a.length, at), own(r.splice(toNum(a[0]), a.length > 1 ? toNum(a[1]) : r.length, ...a.slice(2)))),
  toReversed: (r) => own(r.toReversed()),
  toSorted: (r, a, at) => own(r.toSorted(a[0] === undefined ? defaultCompare : fnArg(a[0], 'toSorted', at))),
  unshift: (r, a, at) => (writable(r, 'unshift', at), checkLength(r.length + a.length, at), r.unshift(...a)),
  values: (r: unknown[]) => own(r.slice()),
  with: (r, a) => own(r.with(toNum(a[0]), a[1])),
});

function ownMatch(m: RegExpMatchArray | RegExpExecArray | null): unknown {
  return m && own(m);
}

function regexOrString(v: unknown): RegExp | string {
  return v instanceof RegExp ? v : toStr(v);
}

/** replace/replaceAll may multiply a string's length: bound the result before building it. */
function replaceBound(s: string, args: unknown[], at?: SourcePos): void {
  const rep = args[1];
  const unit = typeof rep === 'string' ? rep.length : isCallable(rep) ? 0 : toStr(rep).length;
  if (s.length + (s.length + 1) * unit > LIMITS.maxString * 4) fail(`replacement could build a string longer than ${LIMITS.maxString} characters`, at);
}

function replacer(v: unknown, at?: SourcePos): string | ((...a: any[]) => string) {
  if (isCallable(v)) return (...a: unknown[]) => toStr(v(...a));
  if (typeof v === 'function') fail('replace expects a string or a function', at);
  return toStr(v);
}

const STRING = table({
  at: (s, a) => s.at(toNum(a[0])),
  charAt: (s, a) => s.charAt(toNum(a[0])),
  charCodeAt: (s, a) => s.charCodeAt(toNum(a[0])),
  codePointAt: (s, a) => s.codePointAt(toNum(a[0])),
  concat: (s, a, at) => checkString(s + a.map(toStr).join(''), at),
  endsWith: (s, a) => s.endsWith(toStr(a[0]), a[1] === undefined ? undefined : toNum(a[1])),
  includes: (s, a) => s.includes(toStr(a[0])),
  indexOf: (s, a) => s.indexOf(toStr(a[0]), a[1] === undefined ? undefined : toNum(a[1])),
  lastIndexOf: (s, a) => s.lastIndexOf(toStr(a[0])),
  localeCompare: (s, a) => (s < toStr(a[0]) ? -1 : s > toStr(a[0]) ? 1 : 0),
  match: (s, a) => ownMatch(s.match(regexOrString(a[0]))),
  matchAll: (s, a, at) => {
    if (!(a[0] instanceof RegExp) || !a[0].global) fail('matchAll expects a regular expression with the g flag', at);
    return ownAll(Array.from((s as string).matchAll(a[0])));
  },
  normalize: (s, a) => s.normalize(a[0] === undefined ? undefined : (toStr(a[0]) as 'NFC')),
  padEnd: (s, a, at) => (toNum(a[0]) > LIMITS.maxString ? checkString(' '.repeat(LIMITS.maxString + 1), at) : s.padEnd(toNum(a[0]), a[1] === undefined ? undefined : toStr(a[1]))),
  padStart: (s, a, at) => (toNum(a[0]) > LIMITS.maxString ? checkString(' '.repeat(LIMITS.maxString + 1), at) : s.padStart(toNum(a[0]), a[1] === undefined ? undefined : toStr(a[1]))),
  repeat: (s, a, at) => {
    const n = toNum(a[0]);
    if (s.length * n > LIMITS.maxString) fail(`repeat would build a string longer than ${LIMITS.maxString} characters`, at);
    return s.repeat(n);
  },
  replace: (s, a, at) => (replaceBound(s, a, at), checkString(s.replace(regexOrString(a[0]) as string, replacer(a[1], at) as string), at)),
  replaceAll: (s, a, at) => (replaceBound(s, a, at), checkString(s.replaceAll(regexOrString(a[0]) as string, replacer(a[1], at) as string), at)),
  search: (s, a) => s.search(regexOrString(a[0])),
  slice: (s, a) => s.slice(a[0] === undefined ? undefined : toNum(a[0]), a[1] === undefined ? undefined : toNum(a[1])),
  split: (s, a) => own(a[0] === undefined ? [s] : s.split(regexOrString(a[0]) as string, a[1] === undefined ? undefined : toNum(a[1]))),
  startsWith: (s, a) => s.startsWith(toStr(a[0]), a[1] === undefined ? undefined : toNum(a[1])),
  substring: (s, a) => s.substring(toNum(a[0]), a[1] === undefined ? undefined : toNum(a[1])),
  toLowerCase: (s) => s.toLowerCase(),
  toString: (s: string) => s,
  toUpperCase: (s) => s.toUpperCase(),
  trim: (s) => s.trim(),
  trimEnd: (s) => s.trimEnd(),
  trimStart: (s) => s.trimStart(),
});

const NUMBER = table({
  toFixed: (n, a, at) => {
    const d = a[0] === undefined ? 0 : toNum(a[0]);
    if (!(d >= 0 && d <= 100)) fail('toFixed expects 0 to 100 digits', at);
    return n.toFixed(d);
  },
  toPrecision: (n, a, at) => {
    if (a[0] === undefined) return String(n);
    const d = toNum(a[0]);
    if (!(d >= 1 && d <= 100)) fail('toPrecision expects 1 to 100 digits', at);
    return n.toPrecision(d);
  },
  toString: (n: number, a: unknown[], at?: SourcePos) => {
    const radix = a[0] === undefined ? 10 : toNum(a[0]);
    if (!(radix >= 2 && radix <= 36)) fail('toString expects a radix from 2 to 36', at);
    return n.toString(radix);
  },
});

const MAP = table({
  clear: (m: Map<unknown, unknown>) => m.clear(),
  delete: (m: Map<unknown, unknown>, a) => m.delete(a[0]),
  entries: (m: Map<unknown, unknown>) => ownAll(Array.from(m.entries())),
  forEach: (m: Map<unknown, unknown>, a, at) => m.forEach(fnArg(a[0], 'forEach', at)),
  get: (m: Map<unknown, unknown>, a) => m.get(a[0]),
  has: (m: Map<unknown, unknown>, a) => m.has(a[0]),
  keys: (m: Map<unknown, unknown>) => own(Array.from(m.keys())),
  set: (m: Map<unknown, unknown>, a, at) => {
    if (!m.has(a[0])) checkLength(m.size + 1, at);
    m.set(a[0], a[1]);
    return m;
  },
  values: (m: Map<unknown, unknown>) => own(Array.from(m.values())),
});

const SET = table({
  add: (s: Set<unknown>, a, at) => {
    if (!s.has(a[0])) checkLength(s.size + 1, at);
    return s.add(a[0]);
  },
  clear: (s: Set<unknown>) => s.clear(),
  delete: (s: Set<unknown>, a) => s.delete(a[0]),
  entries: (s: Set<unknown>) => ownAll(Array.from(s.entries())),
  forEach: (s: Set<unknown>, a, at) => s.forEach(fnArg(a[0], 'forEach', at)),
  has: (s: Set<unknown>, a) => s.has(a[0]),
  keys: (s: Set<unknown>) => own(Array.from(s.values())),
  values: (s: Set<unknown>) => own(Array.from(s.values())),
});

const REGEXP = table({
  exec: (r: RegExp, a) => ownMatch(r.exec(toStr(a[0]))),
  test: (r: RegExp, a) => r.test(toStr(a[0])),
});

/** `recv.name(...args)`. */
export function callMethod(recv: unknown, name: string | number, args: unknown[], at?: SourcePos): unknown {
  let m: Method | undefined;
  if (typeof recv === 'object' && recv !== null) {
    if (Array.isArray(recv)) m = ARRAY[name];
    else if (isPlainObject(recv)) return callOwn(recv, name, args, at);
    else if (recv instanceof Map) m = MAP[name];
    else if (recv instanceof Set) m = SET[name];
    else if (recv instanceof RegExp) m = REGEXP[name];
  } else if (typeof recv === 'string') m = STRING[name];
  else if (typeof recv === 'number') m = NUMBER[name];
  else if (typeof recv === 'function') return callOwn(recv, name, args, at);
  else if (recv === undefined || recv === null) fail(`cannot call "${name}" of ${recv} (use ?. when it may be missing)`, at);
  if (m) return m(recv, args, at);
  return fail(`${describe(recv)} has no method "${name}"${name === 'toString' ? ' (use String(x) or a template literal)' : ''}`, at);
}

function callOwn(recv: object, name: string | number, args: unknown[], at?: SourcePos): unknown {
  const fn = getMember(recv, name, at);
  if (!isCallable(fn)) fail(`"${name}" is ${describe(fn)}, not a function`, at);
  return fn(...args);
}
