// Expressions compile to closures `(frame) => value`. Member reads, calls and `new` go through the
// runtime guards; optional chains short-circuit with a private sentinel.
import { constructValue } from '../runtime/builtins.ts';
import { callMethod, toArray } from '../runtime/methods.ts';
import { callValue, checkLength, defineData, fail, FORBIDDEN_KEYS, getMember, own, toKey, toNum, type SourcePos } from '../runtime/values.ts';
import { staticKey } from '../subset.ts';
import { pos, readVar, unwrap, type Cx, type Expr, type Node } from './core.ts';
import { compileFunction } from './functions.ts';
import { BINARY, template, UNARY } from './operators.ts';
import { compileStore } from './patterns.ts';
import type { Scope } from './scope.ts';

/** Result of a short-circuited optional chain, turned into undefined at the chain's end. */
const SHORT = Symbol('short');

export function compileExpr(cx: Cx, node: Node, scope: Scope): Expr {
  node = unwrap(node);
  const at = pos(node);
  switch (node.type) {
    case 'Literal': {
      if (node.regex) {
        const { pattern, flags } = node.regex;
        // Without g or y a regular expression carries no state (policies cannot set lastIndex): share one.
        if (!/[gy]/.test(flags)) {
          const shared = new RegExp(pattern, flags);
          return () => shared;
        }
        return () => new RegExp(pattern, flags);
      }
      const v = node.value;
      return () => v;
    }
    case 'Identifier':
      return readVar(cx, node, scope);
    case 'TemplateLiteral': {
      const quasis = node.quasis.map((q: Node) => q.value.cooked ?? '');
      const exprs = node.expressions.map((e: Node) => compileExpr(cx, e, scope));
      if (!exprs.length) return () => quasis[0];
      return (f) => template(quasis, exprs.map((e: Expr) => e(f)), at);
    }
    case 'ArrayExpression':
      return arrayLiteral(cx, node, scope, at);
    case 'ObjectExpression':
      return objectLiteral(cx, node, scope, at);
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      return compileFunction(cx, node, scope);
    case 'UnaryExpression': {
      const op = UNARY[node.operator];
      const arg = compileExpr(cx, node.argument, scope);
      return (f) => op(arg(f));
    }
    case 'BinaryExpression': {
      const op = BINARY[node.operator];
      const l = compileExpr(cx, node.left, scope);
      const r = compileExpr(cx, node.right, scope);
      if (node.operator === '===') return (f) => l(f) === r(f);
      if (node.operator === '!==') return (f) => l(f) !== r(f);
      return (f) => op(l(f), r(f), at);
    }
    case 'LogicalExpression': {
      const l = compileExpr(cx, node.left, scope);
      const r = compileExpr(cx, node.right, scope);
      if (node.operator === '&&') return (f) => l(f) && r(f);
      if (node.operator === '||') return (f) => l(f) || r(f);
      return (f) => l(f) ?? r(f);
    }
    case 'ConditionalExpression': {
      const t = compileExpr(cx, node.test, scope);
      const a = compileExpr(cx, node.consequent, scope);
      const b = compileExpr(cx, node.alternate, scope);
      return (f) => (t(f) ? a(f) : b(f));
    }
    case 'SequenceExpression': {
      const parts = node.expressions.map((e: Node) => compileExpr(cx, e, scope));
      return (f) => {
        let v;
        for (const p of parts) v = p(f);
        return v;
      };
    }
    case 'AssignmentExpression':
      return assignment(cx, node, scope, at);
    case 'UpdateExpression': {
      const read = compileExpr(cx, node.argument, scope);
      const store = compileStore(cx, node.argument, scope);
      const d = node.operator === '++' ? 1 : -1;
      const prefix = node.prefix;
      return (f) => {
        const old = toNum(read(f));
        store(f, old + d);
        return prefix ? old + d : old;
      };
    }
    case 'ChainExpression': {
      const inner = chainPart(cx, node.expression, scope);
      return (f) => {
        const v = inner(f);
        return v === SHORT ? undefined : v;
      };
    }
    case 'MemberExpression':
    case 'CallExpression':
      return chainPart(cx, node, scope);
    case 'NewExpression': {
      const ctor = compileExpr(cx, node.callee, scope);
      const args = compileArgs(cx, node.arguments, scope, at);
      return (f) => constructValue(ctor(f), args(f), at);
    }
  }
  return () => fail(`${node.type} is not supported`, at);
}

/** Members and calls; inside an optional chain a nullish `?.` base yields SHORT, which propagates. */
function chainPart(cx: Cx, node: Node, scope: Scope): Expr {
  node = unwrap(node);
  const at = pos(node);
  if (node.type === 'MemberExpression') {
    const obj = chainPart(cx, node.object, scope);
    const optional = node.optional;
    const name = staticKey(node.property, node.computed);
    const key = name === undefined ? compileExpr(cx, node.property, scope) : undefined;
    return (f) => {
      const o = obj(f);
      if (o === SHORT || (optional && (o === undefined || o === null))) return SHORT;
      return getMember(o, name ?? toKey(key!(f)), at);
    };
  }
  if (node.type === 'CallExpression') {
    const args = compileArgs(cx, node.arguments, scope, at);
    const optional = node.optional;
    const callee = unwrap(node.callee);
    if (callee.type === 'MemberExpression') {
      const recv = chainPart(cx, callee.object, scope);
      const name = staticKey(callee.property, callee.computed);
      const key = name === undefined ? compileExpr(cx, callee.property, scope) : undefined;
      const optMember = callee.optional;
      return (f) => {
        const r = recv(f);
        if (r === SHORT || (optMember && (r === undefined || r === null))) return SHORT;
        const k = name ?? toKey(key!(f));
        if (optional) {
          const m = getMember(r, k, at);
          if (m === undefined || m === null) return SHORT;
        }
        return callMethod(r, k, args(f), at);
      };
    }
    const fn = chainPart(cx, callee, scope);
    const what = callee.type === 'Identifier' ? `"${callee.name}"` : 'the callee';
    return (f) => {
      const c = fn(f);
      if (c === SHORT || (optional && (c === undefined || c === null))) return SHORT;
      return callValue(c, args(f), what, at);
    };
  }
  return compileExpr(cx, node, scope);
}

function compileArgs(cx: Cx, args: Node[], scope: Scope, at: SourcePos): (f: any[]) => unknown[] {
  const parts = args.map((a) => (a.type === 'SpreadElement' ? { spread: true, e: compileExpr(cx, a.argument, scope) } : { spread: false, e: compileExpr(cx, a, scope) }));
  if (parts.every((p) => !p.spread)) {
    const es = parts.map((p) => p.e);
    switch (es.length) {
      case 0:
        return () => [];
      case 1:
        return (f) => [es[0](f)];
      case 2:
        return (f) => [es[0](f), es[1](f)];
      default:
        return (f) => es.map((e) => e(f));
    }
  }
  return (f) => {
    const out: unknown[] = [];
    for (const p of parts) {
      if (p.spread) for (const v of toArray(p.e(f), 'spread', at)) out.push(v);
      else out.push(p.e(f));
      checkLength(out.length, at);
    }
    return out;
  };
}

function arrayLiteral(cx: Cx, node: Node, scope: Scope, at: SourcePos): Expr {
  const parts = node.elements.map((e: Node) => (e === null ? { spread: false, e: () => undefined } : e.type === 'SpreadElement' ? { spread: true, e: compileExpr(cx, e.argument, scope) } : { spread: false, e: compileExpr(cx, e, scope) }));
  if (parts.every((p: any) => !p.spread)) {
    const es = parts.map((p: any) => p.e as Expr);
    return (f) => own(es.map((e: Expr) => e(f)));
  }
  const items = compileArgs(cx, node.elements.map((e: Node) => e ?? { type: 'Identifier', name: 'undefined', loc: node.loc }), scope, at);
  return (f) => own(items(f));
}

function objectLiteral(cx: Cx, node: Node, scope: Scope, at: SourcePos): Expr {
  const props = node.properties.map((p: Node) => {
    if (p.type === 'SpreadElement') return { spread: compileExpr(cx, p.argument, scope) };
    const name = staticKey(p.key, p.computed);
    return { name, key: name === undefined ? compileExpr(cx, p.key, scope) : undefined, value: compileExpr(cx, p.value, scope), at: pos(p) };
  });
  return (f) => {
    const o: Record<string, unknown> = own({});
    for (const p of props) {
      if (p.spread) {
        const src = p.spread(f);
        if (src === null || src === undefined) continue;
        if (typeof src !== 'object' && typeof src !== 'string') continue;
        for (const k of Object.keys(src)) defineData(o, k, (src as any)[k]);
        continue;
      }
      const k = p.name ?? String(toKey(p.key(f)));
      if (FORBIDDEN_KEYS.has(k)) fail(`the property "${k}" is not accessible in policies`, p.at);
      defineData(o, k, p.value(f));
    }
    return o;
  };
}

function assignment(cx: Cx, node: Node, scope: Scope, at: SourcePos): Expr {
  const store = compileStore(cx, node.left, scope);
  const right = compileExpr(cx, node.right, scope);
  const op = node.operator as string;
  if (op === '=') {
    return (f) => {
      const v = right(f);
      store(f, v);
      return v;
    };
  }
  const read = compileExpr(cx, node.left, scope);
  if (op === '&&=') return (f) => read(f) && assignValue(store, f, right(f));
  if (op === '||=') return (f) => read(f) || assignValue(store, f, right(f));
  if (op === '??=') return (f) => read(f) ?? assignValue(store, f, right(f));
  const bin = BINARY[op.slice(0, -1)];
  if (!bin) return () => fail(`operator ${op} is not supported`, at);
  return (f) => assignValue(store, f, bin(read(f), right(f), at));
}

function assignValue(store: (f: any[], v: unknown) => void, f: any[], v: unknown): unknown {
  store(f, v);
  return v;
}
