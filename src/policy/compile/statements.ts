// Statements compile to closures returning their completion. Every loop iteration costs one step of the
// policy's budget, as does every call (see functions.ts), so no loop or recursion can run unbounded.
import { toArray } from '../runtime/methods.ts';
import { rt, tick } from '../runtime/values.ts';
import { BREAK, CONTINUE, NORMAL, pos, readVar, RETURN, type Cx, type Expr, type Frame, type Node, type Stmt, type Store } from './core.ts';
import { compileExpr } from './expressions.ts';
import { compileFunction } from './functions.ts';
import { compileStore } from './patterns.ts';
import type { Scope } from './scope.ts';

/** A statement list with its hoisted function declarations (run in the frame the list executes in). */
export function compileBody(cx: Cx, stmts: Node[], scope: Scope): Stmt {
  const hoisted = hoistFunctions(cx, stmts, scope);
  const list = stmts.map((s) => compileStmt(cx, s, scope));
  const n = list.length;
  return (f) => {
    for (let i = 0; i < hoisted.length; i++) hoisted[i](f);
    for (let i = 0; i < n; i++) {
      const c = list[i](f);
      if (c !== NORMAL) return c;
    }
    return NORMAL;
  };
}

function hoistFunctions(cx: Cx, stmts: Node[], scope: Scope): ((f: Frame) => void)[] {
  const out: ((f: Frame) => void)[] = [];
  for (let s of stmts) {
    if (s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') s = s.declaration;
    if (s?.type !== 'FunctionDeclaration' || !s.id) continue;
    const make = compileFunction(cx, s, scope);
    const store = compileStore(cx, s.id, scope);
    out.push((f) => store(f, make(f)));
  }
  return out;
}

/** Runs `body` in a fresh frame when its scope has one (captured block bindings), else in the current frame. */
function inScope(scope: Scope, body: (f: Frame) => number): Stmt {
  if (!scope.frame) return body;
  const size = scope.size;
  return (f) => {
    const nf: Frame = new Array(size);
    nf[0] = f;
    return body(nf);
  };
}

export function compileStmt(cx: Cx, node: Node, scope: Scope): Stmt {
  const at = pos(node);
  switch (node.type) {
    case 'ExpressionStatement': {
      const e = compileExpr(cx, node.expression, scope);
      return (f) => {
        rt.pos = at;
        e(f);
        return NORMAL;
      };
    }
    case 'VariableDeclaration': {
      const decls = node.declarations.map((d: Node) => ({ store: compileStore(cx, d.id, scope), init: d.init ? compileExpr(cx, d.init, scope) : undefined }));
      return (f) => {
        rt.pos = at;
        for (const d of decls) d.store(f, d.init ? d.init(f) : undefined);
        return NORMAL;
      };
    }
    case 'ReturnStatement': {
      const arg = node.argument ? compileExpr(cx, node.argument, scope) : undefined;
      return (f) => {
        rt.pos = at;
        rt.ret = arg ? arg(f) : undefined;
        return RETURN;
      };
    }
    case 'IfStatement': {
      const test = compileExpr(cx, node.test, scope);
      const yes = compileStmt(cx, node.consequent, scope);
      const no = node.alternate ? compileStmt(cx, node.alternate, scope) : undefined;
      return (f) => {
        rt.pos = at;
        return test(f) ? yes(f) : no ? no(f) : NORMAL;
      };
    }
    case 'BlockStatement': {
      const s = cx.a.scopeOf.get(node) ?? scope;
      return inScope(s, compileBody(cx, node.body, s));
    }
    case 'WhileStatement': {
      const test = compileExpr(cx, node.test, scope);
      const body = compileStmt(cx, node.body, scope);
      return (f) => {
        rt.pos = at;
        while (test(f)) {
          tick();
          const c = body(f);
          if (c === BREAK) break;
          if (c === RETURN) return c;
        }
        return NORMAL;
      };
    }
    case 'DoWhileStatement': {
      const test = compileExpr(cx, node.test, scope);
      const body = compileStmt(cx, node.body, scope);
      return (f) => {
        rt.pos = at;
        do {
          tick();
          const c = body(f);
          if (c === BREAK) break;
          if (c === RETURN) return c;
        } while (test(f));
        return NORMAL;
      };
    }
    case 'ForStatement':
      return forStatement(cx, node, scope);
    case 'ForOfStatement':
      return forOf(cx, node, scope, at);
    case 'SwitchStatement':
      return switchStatement(cx, node, scope);
    case 'BreakStatement':
      return () => BREAK;
    case 'ContinueStatement':
      return () => CONTINUE;
    case 'FunctionDeclaration':
    case 'EmptyStatement':
    case 'ImportDeclaration':
    case 'TSTypeAliasDeclaration':
    case 'TSInterfaceDeclaration':
    case 'TSDeclareFunction':
      return () => NORMAL;
    case 'ExportNamedDeclaration':
      return node.declaration ? compileStmt(cx, node.declaration, scope) : () => NORMAL;
    case 'ExportDefaultDeclaration': {
      const d = node.declaration;
      const value = d.type === 'FunctionDeclaration' ? (d.id ? readVar(cx, d.id, scope) : compileFunction(cx, d, scope)) : compileExpr(cx, d, scope);
      return (f) => {
        rt.pos = at;
        cx.exports.default = value(f);
        return NORMAL;
      };
    }
  }
  return () => NORMAL;
}

function forStatement(cx: Cx, node: Node, outer: Scope): Stmt {
  const scope = cx.a.scopeOf.get(node)!;
  const init = node.init ? (node.init.type === 'VariableDeclaration' ? compileStmt(cx, node.init, scope) : exprStmt(compileExpr(cx, node.init, scope))) : undefined;
  const test = node.test ? compileExpr(cx, node.test, scope) : undefined;
  const update = node.update ? compileExpr(cx, node.update, scope) : undefined;
  const body = compileStmt(cx, node.body, scope);
  const perIteration = scope.frame;
  const at = pos(node);
  return inScope(scope, (f) => {
    rt.pos = at;
    if (init) init(f);
    for (;;) {
      if (test && !test(f)) break;
      tick();
      const c = body(f);
      if (c === BREAK) break;
      if (c === RETURN) return c;
      // Closures made in the body keep the binding of their own iteration.
      if (perIteration) f = f.slice();
      if (update) update(f);
    }
    return NORMAL;
  });
}

function exprStmt(e: Expr): Stmt {
  return (f) => (e(f), NORMAL);
}

function forOf(cx: Cx, node: Node, outer: Scope, at: ReturnType<typeof pos>): Stmt {
  const scope = cx.a.scopeOf.get(node)!;
  const right = compileExpr(cx, node.right, outer);
  const target = node.left.type === 'VariableDeclaration' ? node.left.declarations[0].id : node.left;
  const store: Store = compileStore(cx, target, scope);
  const body = compileStmt(cx, node.body, scope);
  const fresh = scope.frame;
  const size = scope.size;
  return (f) => {
    rt.pos = at;
    const items = toArray(right(f), 'for…of', at);
    for (let i = 0; i < items.length; i++) {
      tick();
      let nf = f;
      if (fresh) {
        nf = new Array(size);
        nf[0] = f;
      }
      store(nf, items[i]);
      const c = body(nf);
      if (c === BREAK) break;
      if (c === RETURN) return c;
    }
    return NORMAL;
  };
}

function switchStatement(cx: Cx, node: Node, outer: Scope): Stmt {
  const scope = cx.a.scopeOf.get(node)!;
  const disc = compileExpr(cx, node.discriminant, outer);
  const all = node.cases.flatMap((c: Node) => c.consequent);
  const hoisted = hoistFunctions(cx, all, scope);
  const cases = node.cases.map((c: Node) => ({ test: c.test ? compileExpr(cx, c.test, scope) : undefined, body: c.consequent.map((s: Node) => compileStmt(cx, s, scope)) as Stmt[] }));
  const dflt = cases.findIndex((c: { test?: Expr }) => !c.test);
  const size = scope.size;
  const run = (sf: Frame, v: unknown) => {
    for (const h of hoisted) h(sf);
    let start = cases.findIndex((c: { test?: Expr }) => c.test !== undefined && c.test(sf) === v);
    if (start < 0) start = dflt;
    if (start < 0) return NORMAL;
    for (let i = start; i < cases.length; i++) {
      for (const s of cases[i].body) {
        const c = s(sf);
        if (c === BREAK) return NORMAL;
        if (c !== NORMAL) return c;
      }
    }
    return NORMAL;
  };
  return (f) => {
    const v = disc(f);
    if (!scope.frame) return run(f, v);
    const sf: Frame = new Array(size);
    sf[0] = f;
    return run(sf, v);
  };
}
