// Destructuring: binding patterns (declarations, parameters) and assignment targets compile to stores.
import { toArray } from '../runtime/methods.ts';
import { checkKey, defineData, describe, fail, getMember, own, setMember, toKey } from '../runtime/values.ts';
import { pos, unwrap, writeVar, type Cx, type Expr, type Node, type Store } from './core.ts';
import { compileExpr } from './expressions.ts';
import { staticKey } from '../subset.ts';
import type { Scope } from './scope.ts';

export function compileStore(cx: Cx, p: Node, scope: Scope): Store {
  p = unwrap(p);
  const at = pos(p);
  switch (p.type) {
    case 'Identifier':
      return writeVar(cx, p, scope);
    case 'MemberExpression': {
      const obj = compileExpr(cx, p.object, scope);
      const name = staticKey(p.property, p.computed);
      if (name !== undefined) return (f, v) => setMember(obj(f), name, v, at);
      const key = compileExpr(cx, p.property, scope);
      return (f, v) => {
        const o = obj(f);
        setMember(o, toKey(key(f)), v, at);
      };
    }
    case 'AssignmentPattern': {
      const inner = compileStore(cx, p.left, scope);
      const dflt = compileExpr(cx, p.right, scope);
      return (f, v) => inner(f, v === undefined ? dflt(f) : v);
    }
    case 'ArrayPattern':
      return arrayPattern(cx, p, scope, at);
    case 'ObjectPattern':
      return objectPattern(cx, p, scope, at);
  }
  return () => fail(`cannot assign to ${p.type}`, at);
}

function arrayPattern(cx: Cx, p: Node, scope: Scope, at: ReturnType<typeof pos>): Store {
  const items = p.elements.map((e: Node) => (e === null ? null : e.type === 'RestElement' ? { rest: true, store: compileStore(cx, e.argument, scope) } : { rest: false, store: compileStore(cx, e, scope) }));
  return (f, v) => {
    if (v === undefined || v === null) fail(`cannot destructure ${v} as an array`, at);
    const arr = toArray(v, 'destructuring', at);
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      if (!it) continue;
      it.store(f, it.rest ? own(arr.slice(i)) : arr[i]);
    }
  };
}

function objectPattern(cx: Cx, p: Node, scope: Scope, at: ReturnType<typeof pos>): Store {
  const props: { name?: string; key?: Expr; store: Store }[] = [];
  let rest: Store | undefined;
  for (const prop of p.properties) {
    if (prop.type === 'RestElement') {
      rest = compileStore(cx, prop.argument, scope);
      continue;
    }
    const name = staticKey(prop.key, prop.computed);
    props.push({ name, key: name === undefined ? compileExpr(cx, prop.key, scope) : undefined, store: compileStore(cx, prop.value, scope) });
  }
  return (f, v) => {
    if (v === undefined || v === null) fail(`cannot destructure ${v} (use "= {}" as a default when it may be missing)`, at);
    const taken: string[] = [];
    for (const prop of props) {
      const key = prop.name ?? toKey(prop.key!(f));
      if (typeof key === 'string') checkKey(key, at);
      if (rest) taken.push(String(key));
      prop.store(f, getMember(v, key, at));
    }
    if (rest) {
      if (typeof v !== 'object') fail(`cannot take the rest of ${describe(v)}`, at);
      const out: Record<string, unknown> = own({});
      for (const k of Object.keys(v as object)) if (!taken.includes(k)) defineData(out, k, (v as any)[k]);
      rest(f, out);
    }
  };
}
