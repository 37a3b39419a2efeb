// The only globals a policy can name. Each is a frozen namespace of callable wrappers around the native
// function, so policy code never holds a native function or prototype.
import { stringify } from './json.ts';
import { toArray } from './methods.ts';
import { CALLABLE, CONSTRUCT, checkLength, defineData, describe, fail, isCallable, isPlainObject, markCallable, own, ownAll, toNum, toStr, type SourcePos } from './values.ts';

type Fn = (...args: any[]) => unknown;

function namespace(members: Record<string, unknown>, call?: Fn): any {
  const target: any = call ? markCallable(call) : {};
  for (const [k, v] of Object.entries(members)) {
    Object.defineProperty(target, k, { value: typeof v === 'function' ? markCallable(v as Fn) : v, enumerable: true });
  }
  return Object.freeze(target);
}

function ownKeysOf(v: unknown, what: string): string[] {
  if (v === null || v === undefined) fail(`${what} expects an object, got ${v}`);
  if (typeof v === 'string' || Array.isArray(v) || isPlainObject(v)) return Object.keys(v);
  if (typeof v === 'object' || typeof v === 'function') return [];
  return [];
}

const MATH_FUNCTIONS = ['abs', 'acos', 'asin', 'atan', 'atan2', 'cbrt', 'ceil', 'cos', 'exp', 'floor', 'hypot', 'log', 'log10', 'log2', 'max', 'min', 'pow', 'round', 'sign', 'sin', 'sqrt', 'tan', 'trunc'] as const;

const mathMembers: Record<string, unknown> = { PI: Math.PI, E: Math.E, LN2: Math.LN2, LN10: Math.LN10, SQRT2: Math.SQRT2 };
for (const name of MATH_FUNCTIONS) {
  const f = Math[name] as (...a: number[]) => number;
  mathMembers[name] = (...a: unknown[]) => f(...a.map(toNum));
}

function construct(kind: 'Set' | 'Map', args: unknown[], at?: SourcePos): unknown {
  const init = args[0];
  if (init === undefined || init === null) return own(kind === 'Set' ? new Set() : new Map());
  const items = toArray(init, `new ${kind}`, at);
  checkLength(items.length, at);
  if (kind === 'Set') return own(new Set(items));
  for (const e of items) if (!Array.isArray(e)) fail(`new Map expects [key, value] pairs, got ${describe(e)}`, at);
  return own(new Map(items as [unknown, unknown][]));
}

function constructor(kind: 'Set' | 'Map'): any {
  const f = markCallable(() => fail(`use new ${kind}(…)`));
  Object.defineProperty(f, CONSTRUCT, { value: (args: unknown[], at?: SourcePos) => construct(kind, args, at) });
  return Object.freeze(f);
}

/** The identity function policies wrap their definition in (it gives editors the types). */
export const definePolicy = Object.freeze(markCallable((p: unknown) => p));

export const GLOBALS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['undefined', undefined],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['Math', namespace(mathMembers)],
  ['JSON', namespace({ stringify: (v: unknown, _r: unknown, indent: unknown) => stringify(v, indent) })],
  ['parseInt', namespace({}, (s: unknown, radix: unknown) => parseInt(toStr(s), radix === undefined ? undefined : toNum(radix)))],
  ['parseFloat', namespace({}, (s: unknown) => parseFloat(toStr(s)))],
  ['isNaN', namespace({}, (v: unknown) => Number.isNaN(toNum(v)))],
  ['isFinite', namespace({}, (v: unknown) => Number.isFinite(toNum(v)))],
  [
    'Number',
    namespace(
      {
        isInteger: (v: unknown) => Number.isInteger(v),
        isFinite: (v: unknown) => Number.isFinite(v),
        isNaN: (v: unknown) => Number.isNaN(v),
        isSafeInteger: (v: unknown) => Number.isSafeInteger(v),
        parseInt: (s: unknown, radix: unknown) => parseInt(toStr(s), radix === undefined ? undefined : toNum(radix)),
        parseFloat: (s: unknown) => parseFloat(toStr(s)),
        MAX_SAFE_INTEGER: Number.MAX_SAFE_INTEGER,
        MIN_SAFE_INTEGER: Number.MIN_SAFE_INTEGER,
        MAX_VALUE: Number.MAX_VALUE,
        EPSILON: Number.EPSILON,
        POSITIVE_INFINITY: Infinity,
        NEGATIVE_INFINITY: -Infinity,
      },
      (v: unknown) => (v === undefined ? 0 : toNum(v)),
    ),
  ],
  ['String', namespace({}, (...a: unknown[]) => (a.length === 0 ? '' : toStr(a[0])))],
  [
    'Object',
    namespace({
      keys: (v: unknown) => own(ownKeysOf(v, 'Object.keys')),
      values: (v: unknown) => own(ownKeysOf(v, 'Object.values').map((k) => (v as any)[k])),
      entries: (v: unknown) => ownAll(ownKeysOf(v, 'Object.entries').map((k) => [k, (v as any)[k]])),
      fromEntries: (v: unknown) => {
        const out: Record<string, unknown> = own({});
        for (const e of toArray(v, 'Object.fromEntries')) {
          if (!Array.isArray(e)) fail(`Object.fromEntries expects [key, value] pairs, got ${describe(e)}`);
          const k = toStr(e[0]);
          if (k === 'constructor' || k === 'prototype' || k === '__proto__') fail(`the property "${k}" is not accessible in policies`);
          defineData(out, k, e[1]);
        }
        return out;
      },
      hasOwn: (v: unknown, k: unknown) => (isPlainObject(v) || Array.isArray(v) ? Object.hasOwn(v, toStr(k)) : false),
    }),
  ],
  [
    'Array',
    namespace({
      isArray: (v: unknown) => Array.isArray(v),
      from: (v: unknown, fn: unknown) => {
        const items = toArray(v, 'Array.from').slice();
        if (fn === undefined) return own(items);
        if (!isCallable(fn)) fail(`Array.from expects a function, got ${describe(fn)}`);
        return own(items.map((x, i) => fn(x, i)));
      },
      of: (...items: unknown[]) => own(items),
    }),
  ],
  ['Set', constructor('Set')],
  ['Map', constructor('Map')],
]);

/** `new X(...args)`: only the built-ins marked constructible (Set, Map). */
export function constructValue(ctor: unknown, args: unknown[], at?: SourcePos): unknown {
  const make = typeof ctor === 'function' ? (ctor as any)[CONSTRUCT] : undefined;
  if (typeof make !== 'function' || (ctor as any)[CALLABLE] !== true) return fail('only new Set(…) and new Map(…) are available', at);
  return make(args, at);
}

/** Names a policy might reach for, with what to write instead. */
export const FORBIDDEN_GLOBALS: ReadonlyMap<string, string> = new Map([
  ['eval', 'policies cannot evaluate code'],
  ['Function', 'write a function or an arrow function'],
  ['require', 'the only import allowed is `import { definePolicy } from "meshlint/policy"`'],
  ['process', 'policies cannot see the environment; read configuration from the resources or MeshConfig via ctx'],
  ['globalThis', 'use the whitelisted built-ins (Math, JSON, Object, Array, Number, String, Set, Map)'],
  ['global', 'use the whitelisted built-ins (Math, JSON, Object, Array, Number, String, Set, Map)'],
  ['window', 'use the whitelisted built-ins (Math, JSON, Object, Array, Number, String, Set, Map)'],
  ['self', 'use the whitelisted built-ins (Math, JSON, Object, Array, Number, String, Set, Map)'],
  ['Reflect', 'read properties directly (obj.key, obj[key])'],
  ['Proxy', 'use plain objects'],
  ['Symbol', 'use string keys'],
  ['Promise', 'policies are synchronous'],
  ['arguments', 'use a rest parameter (...args)'],
  ['RegExp', 'use a regular expression literal (/…/)'],
  ['Date', 'policies must be deterministic: compare the strings in the resource'],
  ['console', 'report findings with ctx.report'],
  ['setTimeout', 'policies are synchronous'],
  ['setInterval', 'policies are synchronous'],
  ['WebAssembly', 'not available in policies'],
  ['module', 'use export default definePolicy(…)'],
  ['exports', 'use export default definePolicy(…)'],
  ['Error', 'report problems with ctx.report({ message })'],
]);
