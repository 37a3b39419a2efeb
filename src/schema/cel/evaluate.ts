import { escapeToken } from '../../core/pointer.ts';
import type { Resource } from '../../core/resource.ts';
import type { CelNode, CelRuleSpec, ValidatorModule } from '../catalog.ts';
import { displayPath, quote, type Finding } from '../finding.ts';
import { celEnvironment, type CelProgram } from './library.ts';

/** Library errors that mean "this rule uses something we cannot evaluate", not "the value is invalid". */
const UNSUPPORTED = /no matching overload|unknown variable|unknown function|invalid regular expression|not supported|unsupported/i;

const RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

type Compiled = { program?: CelProgram; error?: string; transition?: boolean; memo?: Map<string, [unknown, string | undefined]> };
const programs = new Map<string, Compiled>();

/** Per-run state: rules already reported as unsupported are reported once. */
export interface CelRun {
  unsupported: Set<string>;
}

/**
 * Evaluates the CRD's x-kubernetes-validations rules that apply to the fields present in the resource.
 * `mistyped`: pointers of values of the wrong type, already reported by the structural check; a rule that cannot
 * be evaluated on such a value (`duration(self)` on a number) is neither a finding nor an unsupported rule.
 */
export function celFindings(r: Resource, mod: ValidatorModule, run: CelRun, codes: Finding['codes'], out: Finding[], mistyped?: ReadonlySet<string>): void {
  if (!mod.cel || !mod.rules) return;
  const judged = (pointer: string) => !mistyped || !holdsMistyped(mistyped, pointer);
  walk(r.object, mod.cel, '', (value, node, pointer) => {
    for (const i of node.v ?? []) evaluate(r, mod.rules![i], value, node, pointer, run, codes, out, judged);
  });
}

function holdsMistyped(mistyped: ReadonlySet<string>, pointer: string): boolean {
  for (const p of mistyped) if (p === pointer || p.startsWith(`${pointer}/`)) return true;
  return false;
}

function walk(value: unknown, node: CelNode, pointer: string, visit: (v: unknown, n: CelNode, p: string) => void): void {
  if (value === null || value === undefined) return;
  if (node.v) visit(value, node, pointer);
  if (Array.isArray(value)) {
    if (node.i) value.forEach((x, k) => walk(x, node.i!, `${pointer}/${k}`, visit));
    return;
  }
  if (typeof value !== 'object') return;
  if (node.p) for (const k in node.p) if (Object.hasOwn(value, k)) walk((value as any)[k], node.p[k], `${pointer}/${escapeToken(k)}`, visit);
  if (node.a) for (const k in value) walk((value as any)[k], node.a, `${pointer}/${escapeToken(k)}`, visit);
}

function evaluate(r: Resource, spec: CelRuleSpec, value: unknown, node: CelNode, pointer: string, run: CelRun, codes: Finding['codes'], out: Finding[], judged: (pointer: string) => boolean): void {
  const c = compile(spec);
  // Transition rules compare with the stored object; on create (what a manifest is) they do not run.
  if (c.transition) return;
  let result: unknown;
  let error = c.error;
  // A rule on a scalar gives the same answer for the same value: durations and ports repeat across a repo.
  const memoKey = typeof value === 'string' ? `s${value}` : typeof value === 'object' ? undefined : `${typeof value}${String(value)}`;
  const memo = memoKey === undefined ? undefined : c.memo?.get(memoKey);
  if (memo) [result, error] = memo;
  else if (c.program) {
    try {
      result = c.program({ self: needsConversion(node) ? toCel(value, node) : value });
    } catch (e: any) {
      error = String(e?.message ?? e).split('\n')[0];
    }
    if (memoKey !== undefined) {
      c.memo ??= new Map();
      if (c.memo.size > 10_000) c.memo.clear();
      c.memo.set(memoKey, [result, error]);
    }
  }
  if (error && !c.error && !judged(pointer)) return;
  if (error && (c.error || UNSUPPORTED.test(error))) {
    if (run.unsupported.has(spec.rule)) return;
    run.unsupported.add(spec.rule);
    out.push({ ruleId: 'schema-cel-unsupported', resource: r, pointer, discriminator: spec.rule, message: `CEL rule not checked (${error}): ${spec.rule.replace(/\s+/g, ' ')}` });
    return;
  }
  if (result === true) return;
  const got = typeof value === 'string' ? ` (got ${quote(value)})` : typeof value === 'number' ? ` (got ${value})` : '';
  const what = spec.message || `failed rule: ${spec.rule.replace(/\s+/g, ' ')}`;
  // A rule on a list or object is reported at its key (`listeners:`), a rule on a scalar at the value.
  const key = pointer !== '' && typeof value === 'object' && value !== null;
  const kiali = r.kind === 'Gateway' && what === LISTENER_UNIQUE ? { ...codes, kiali: 'KIA1503' } : codes;
  out.push({ ruleId: 'schema-cel', resource: r, pointer, key, codes: kiali, discriminator: spec.rule, message: `${displayPath(pointer)}: ${what}${got}${error ? ` (evaluation error: ${error})` : ''}` });
}

// Kiali reports this Gateway API rule as KIA1503; the finding carries its code so the two can be matched.
const LISTENER_UNIQUE = 'Combination of port, protocol and hostname must be unique for each listener';

const bySpec = new WeakMap<CelRuleSpec, Compiled>();

/** The rule's program, compiled once per rule text (modules share identical rules) and found by identity after. */
function compile(spec: CelRuleSpec): Compiled {
  let c = bySpec.get(spec);
  if (c) return c;
  c = programs.get(spec.rule);
  if (!c) {
    if (/\boldSelf\b/.test(spec.rule)) c = { transition: true };
    else {
      try {
        c = { program: celEnvironment().parse(spec.rule) };
      } catch (e: any) {
        c = { error: String(e?.message ?? e).split('\n')[0] };
      }
    }
    programs.set(spec.rule, c);
  }
  bySpec.set(spec, c);
  return c;
}

const conversion = new WeakMap<CelNode, boolean>();

// Copying a subtree for every rule is the main cost of CEL checking. The library compares JS numbers with
// CEL ints correctly, so only subtrees holding field names CEL sees escaped need a converted copy.
function needsConversion(node: CelNode): boolean {
  let v = conversion.get(node);
  if (v === undefined) {
    v = !!node.e || !!node.d || (!!node.p && Object.values(node.p).some(needsConversion)) || (!!node.i && needsConversion(node.i)) || (!!node.a && needsConversion(node.a));
    conversion.set(node, v);
  }
  return v;
}

/** The value as CEL sees it: integers are ints, nulls are absent, reserved field names are escaped. */
function toCel(v: unknown, node: CelNode | undefined): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map((x) => toCel(x, node?.i));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  if (node?.d) for (const k in node.d) if ((v as any)[k] === undefined || (v as any)[k] === null) out[node.e?.includes(k) ? celName(k) : k] = toCel(node.d[k], node.p?.[k]);
  for (const k of Object.keys(v)) {
    const x = (v as any)[k];
    if (x === null || x === undefined) continue;
    if (node?.m) out[k] = toCel(x, node.a);
    else out[node?.e?.includes(k) ? celName(k) : k] = toCel(x, node?.p?.[k]);
  }
  return out;
}

function celName(k: string): string {
  if (RESERVED.has(k)) return `__${k}__`;
  return k.replace(/__/g, '__underscores__').replace(/\./g, '__dot__').replace(/-/g, '__dash__').replace(/\//g, '__slash__');
}
