// Policy functions become real JavaScript functions (so native array methods can call them), marked
// callable, each call costing a step and one level of the depth limit.
import { CALLABLE, fail, LIMITS, own, rt, tick } from '../runtime/values.ts';
import { pos, RETURN, type Cx, type Expr, type Frame, type Node, type Store } from './core.ts';
import { compileExpr } from './expressions.ts';
import { compileStore } from './patterns.ts';
import { compileBody } from './statements.ts';

/** Compiles a function node into a factory that closes it over the frame it is created in. */
export function compileFunction(cx: Cx, node: Node, _outer: unknown): (f: Frame) => unknown {
  const scope = cx.a.scopeOf.get(node)!;
  const at = pos(node);
  const size = scope.size;
  const selfSlot = node.type === 'FunctionExpression' && node.id ? scope.names.get(node.id.name)!.slot : 0;
  const params: { store: Store; rest: boolean }[] = node.params.map((p: Node) =>
    p.type === 'RestElement' ? { store: compileStore(cx, p.argument, scope), rest: true } : { store: compileStore(cx, p.type === 'TSParameterProperty' ? p.parameter : p, scope), rest: false },
  );
  const n = params.length;
  const block = node.body.type === 'BlockStatement';
  const body = block ? compileBody(cx, node.body.body, scope) : undefined;
  const expr: Expr | undefined = block ? undefined : compileExpr(cx, node.body, scope);
  const name: string | undefined = node.id?.name;
  return (parent: Frame) => {
    const fn = function (...args: unknown[]): unknown {
      tick();
      if (++rt.depth > LIMITS.maxDepth) fail(`calls nested deeper than ${LIMITS.maxDepth} (runaway recursion${name ? ` in ${name}` : ''}?)`, at);
      const frame: Frame = new Array(size);
      frame[0] = parent;
      if (selfSlot) frame[selfSlot] = fn;
      for (let i = 0; i < n; i++) {
        const p = params[i];
        p.store(frame, p.rest ? own(args.slice(i)) : args[i]);
      }
      const result = expr ? expr(frame) : body!(frame) === RETURN ? rt.ret : undefined;
      rt.depth--;
      return result;
    };
    (fn as any)[CALLABLE] = true;
    return fn;
  };
}
