import { escapeToken, getAt } from '../core/pointer.ts';
import type { Resource } from '../core/resource.ts';
import { editDistance } from './suggest.ts';
import type { AjvError } from './catalog.ts';
import { describeValue, displayPath, quote, quotedList } from './finding.ts';

/** One problem at one node, before merging. */
interface Issue {
  pointer: string;
  key: boolean;
  text: string;
}

/** A merged problem: every issue on one node in one message. */
export interface NodeProblem {
  pointer: string;
  key: boolean;
  message: string;
}

/** More unknown fields than this under one object are reported as one finding (a wrong apiVersion, usually). */
const UNKNOWN_FIELDS_MERGE = 5;
const QUANTITY = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?$';
/** Findings per document before the rest are summed up. */
export const MAX_PER_DOCUMENT = 25;

/** Turns a validator's errors into one readable problem per node, at that node. */
export function problemsFrom(resource: Resource, errors: readonly AjvError[]): NodeProblem[] {
  const obj = resource.object;
  const issues: Issue[] = [];
  const required = new Map<string, string[]>();
  const unknown = new Map<string, { names: string[]; known: string[] }>();
  for (const e of errors) {
    const at = e.instancePath;
    const p = e.params;
    switch (e.keyword) {
      case 'x-closed':
      case 'additionalProperties': {
        let u = unknown.get(at);
        if (!u) unknown.set(at, (u = { names: [], known: p.known ?? [] }));
        u.names.push(String(p.additionalProperty));
        break;
      }
      case 'required': {
        const list = required.get(at) ?? [];
        list.push(String(p.missingProperty));
        required.set(at, list);
        break;
      }
      case 'type':
      case 'x-types':
        issues.push({ pointer: at, key: false, text: typeText(resource, at, String(p.type), getAt(obj, at)) });
        break;
      case 'x-enum': {
        const allowed = (p.allowedValues as unknown[]).map(String);
        const got = getAt(obj, at);
        issues.push({ pointer: at, key: false, text: `expected one of ${quotedList(allowed)}, got ${show(got)}${typeof got === 'string' ? closest(got, allowed) : ''}` });
        break;
      }
      case 'x-exclusive': {
        const value = getAt(obj, at) as Record<string, unknown>;
        const set = (p.fields as string[]).filter((f) => value?.[f] !== undefined && value?.[f] !== null);
        issues.push({ pointer: `${at}/${escapeToken(set[1] ?? set[0])}`, key: true, text: `${quotedList(set, 8, 'and')} cannot be set together: only one of ${quotedList(p.fields)} is allowed` });
        break;
      }
      case 'x-list-map-keys': {
        const list = getAt(obj, at) as any[];
        const keys = p.keys as string[];
        const tuple = (x: any) => JSON.stringify(keys.map((k) => x?.[k]));
        const first = list.findIndex((x) => tuple(x) === tuple(list[p.index]));
        const what = keys.map((k) => `${k} ${show(list[p.index]?.[k])}`).join(', ');
        issues.push({ pointer: `${at}/${p.index}`, key: false, text: `duplicate entry: ${what} is already used by ${displayPath(`${at}/${first}`)}` });
        break;
      }
      case 'uniqueItems': {
        const list = getAt(obj, at) as unknown[];
        issues.push({ pointer: `${at}/${p.j}`, key: false, text: `duplicate value ${show(list?.[p.j])} (also at ${displayPath(`${at}/${p.i}`)})` });
        break;
      }
      default:
        issues.push({ pointer: at, key: false, text: limitText(e.keyword, p, getAt(obj, at)) });
    }
  }
  for (const [at, names] of required) {
    // "unknown field nam; did you mean name?" already says that "name" is missing.
    const u = unknown.get(at);
    if (u) names.splice(0, names.length, ...names.filter((n) => !u.names.some((x) => closest(x, [n]))));
    if (!names.length) continue;
    issues.push({ pointer: at, key: at !== '', text: `missing required field${names.length > 1 ? 's' : ''} ${quotedList(names)}` });
  }
  for (const [at, u] of unknown) {
    if (u.names.length > UNKNOWN_FIELDS_MERGE) {
      issues.push({ pointer: at, key: at !== '', text: `unknown fields ${quotedList(u.names, 6)}: the API server rejects them (is the apiVersion or kind right?)` });
      continue;
    }
    for (const n of u.names) issues.push({ pointer: `${at}/${escapeToken(n)}`, key: true, text: `unknown field ${quote(n)}${closest(n, u.known)}` });
  }
  return merge(issues);
}

function merge(issues: Issue[]): NodeProblem[] {
  const byNode = new Map<string, { pointer: string; key: boolean; texts: string[] }>();
  for (const i of issues) {
    const k = `${i.key ? 'k' : 'v'}${i.pointer}`;
    const n = byNode.get(k);
    if (!n) byNode.set(k, { pointer: i.pointer, key: i.key, texts: [i.text] });
    else if (!n.texts.includes(i.text)) n.texts.push(i.text);
  }
  return [...byNode.values()].map((n) => ({ pointer: n.pointer, key: n.key, message: `${displayPath(n.pointer)}: ${n.texts.join('; ')}` }));
}

function typeText(resource: Resource, at: string, expected: string, value: unknown): string {
  const want = expected.split(',').filter((t) => t !== 'null').join(' or ');
  const implicit = resource.implicitScalars?.find((s) => s.pointer === at);
  const hint = implicit && want.includes('string') ? ` (unquoted ${implicit.source} is a YAML 1.1 ${typeof implicit.value}; quote it)` : '';
  return `expected ${want}, got ${describeValue(value)}${hint}`;
}

function show(v: unknown): string {
  return typeof v === 'string' ? quote(v) : v === undefined ? 'nothing' : JSON.stringify(v) ?? String(v);
}

function limitText(keyword: string, p: Record<string, any>, value: unknown): string {
  const len = typeof value === 'string' ? value.length : Array.isArray(value) ? value.length : value && typeof value === 'object' ? Object.keys(value).length : 0;
  switch (keyword) {
    case 'pattern':
      return p.pattern === QUANTITY ? `${show(value)} is not a quantity (such as 500m, 2, 1.5Gi)` : `${show(value)} does not match the pattern ${p.pattern}`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `${show(value)} is too small: must be ${p.comparison} ${p.limit}`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `${show(value)} is too large: must be ${p.comparison} ${p.limit}`;
    case 'minLength':
      return `must be at least ${p.limit} character${p.limit === 1 ? '' : 's'} long`;
    case 'maxLength':
      return `must be at most ${p.limit} characters long, got ${len}`;
    case 'minItems':
      return `must have at least ${p.limit} item${p.limit === 1 ? '' : 's'}, got ${len}`;
    case 'maxItems':
      return `must have at most ${p.limit} items, got ${len}`;
    case 'minProperties':
      return `must have at least ${p.limit} entr${p.limit === 1 ? 'y' : 'ies'}`;
    case 'maxProperties':
      return `must have at most ${p.limit} entries, got ${len}`;
    case 'multipleOf':
      return `${show(value)} must be a multiple of ${p.multipleOf}`;
    default:
      return `does not match the schema (${keyword})`;
  }
}

function closest(name: string, known: readonly string[]): string {
  let best = '';
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best && bestD <= Math.max(1, Math.floor(name.length / 3)) ? `; did you mean ${quote(best)}?` : '';
}
