// Shared shapes of the closure compiler: every AST node becomes a JavaScript closure over a frame (an
// array: slot 0 links to the parent frame, the rest hold bindings at slots fixed by scope analysis).
import { GLOBALS } from '../runtime/builtins.ts';
import type { SourcePos } from '../runtime/values.ts';
import { depthOf, type Analysis, type Scope } from './scope.ts';

export type Node = any;
export type Frame = any[];
export type Expr = (f: Frame) => any;
/** A statement returns its completion: NORMAL, BREAK, CONTINUE or RETURN (the value is in rt.ret). */
export type Stmt = (f: Frame) => number;
/** Stores a value into a binding or target. */
export type Store = (f: Frame, v: unknown) => void;

export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;

export interface Cx {
  a: Analysis;
  file: string;
  /** Runtime values of `meshlint/policy` imports, by exported name. */
  imports: ReadonlyMap<string, unknown>;
  /** Receives the module's default export when it runs. */
  exports: { default?: unknown };
}

export function pos(node: Node): SourcePos {
  return { line: node.loc.start.line, column: node.loc.start.column + 1 };
}

/** Unwraps `x as T`, `x!`, `x satisfies T`, `<T>x`. */
export function unwrap(node: Node): Node {
  while (node && (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'TSNonNullExpression' || node.type === 'TSTypeAssertion' || node.type === 'TSInstantiationExpression')) node = node.expression;
  return node;
}

export function readVar(cx: Cx, id: Node, scope: Scope): Expr {
  const b = cx.a.refs.get(id);
  if (b === null) {
    const v = GLOBALS.get(id.name);
    return () => v;
  }
  if (!b) return () => undefined;
  if (b.kind === 'import') {
    const v = cx.imports.get(b.imported ?? '');
    return () => v;
  }
  const i = b.slot;
  switch (depthOf(scope, b)) {
    case 0:
      return (f) => f[i];
    case 1:
      return (f) => f[0][i];
    case 2:
      return (f) => f[0][0][i];
    default: {
      const d = depthOf(scope, b);
      return (f) => {
        for (let k = 0; k < d; k++) f = f[0];
        return f[i];
      };
    }
  }
}

export function writeVar(cx: Cx, id: Node, scope: Scope): Store {
  const b = cx.a.refs.get(id) ?? scope.names.get(id.name);
  if (!b) return () => undefined;
  const i = b.slot;
  switch (depthOf(scope, b)) {
    case 0:
      return (f, v) => {
        f[i] = v;
      };
    case 1:
      return (f, v) => {
        f[0][i] = v;
      };
    default: {
      const d = depthOf(scope, b);
      return (f, v) => {
        for (let k = 0; k < d; k++) f = f[0];
        f[i] = v;
      };
    }
  }
}
