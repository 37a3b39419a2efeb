// Compiles a checked policy AST into a runnable module. The result closes over nothing but the
// whitelisted runtime: no eval, no Function, no vm, no import of user code.
import { definePolicy } from '../runtime/builtins.ts';
import type { LoadProblem } from '../subset.ts';
import type { Cx, Frame, Node } from './core.ts';
import { analyze } from './scope.ts';
import { compileBody } from './statements.ts';

/** Values `meshlint/policy` exports at run time (everything else it declares is a type). */
const RUNTIME_IMPORTS = new Map<string, unknown>([['definePolicy', definePolicy]]);

export interface CompiledModule {
  /** Runs the module's top level once; returns its default export. */
  run(): unknown;
}

export function compileModule(program: Node, file: string, problems: LoadProblem[]): CompiledModule | undefined {
  const a = analyze(program, file, problems, new Set(RUNTIME_IMPORTS.keys()));
  if (problems.length) return undefined;
  const cx: Cx = { a, file, imports: RUNTIME_IMPORTS, exports: {} };
  const scope = a.scopeOf.get(program)!;
  const body = compileBody(cx, program.body, scope);
  return {
    run() {
      const frame: Frame = new Array(scope.size);
      frame[0] = null;
      body(frame);
      return cx.exports.default;
    },
  };
}
