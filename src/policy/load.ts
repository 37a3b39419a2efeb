// Loading a *.policy.ts file: parse (typescript-estree, loaded on first use only), check the subset,
// compile, run the top level once under the step budget, and validate what it exports.
import type { Severity } from '../core/types.ts';
import { readCachedAst, writeCachedAst } from './ast-cache.ts';
import { compileModule } from './compile/index.ts';
import { PolicyRuntimeError, rt } from './runtime/values.ts';
import { POLICY_ID } from './protocol.ts';
import { checkSubset, type LoadProblem } from './subset.ts';

export interface PolicyMeta {
  id: string;
  severity: Severity;
  /** Kinds the policy checks: `Kind` (any group) or `group/Kind`. */
  kinds: string[];
  summary: string;
  description?: string;
  fix?: string;
  /** The policy file, as given (relative to the cwd when under it). */
  file: string;
}

export interface LoadedPolicy {
  meta: PolicyMeta;
  check: (resource: unknown, ctx: unknown) => unknown;
}

type Parser = typeof import('@typescript-eslint/typescript-estree');
let parser: Parser | undefined;

async function loadParser(): Promise<Parser> {
  parser ??= await import('@typescript-eslint/typescript-estree');
  return parser;
}

const SEVERITIES = ['error', 'warning', 'info'];
const KEYS = new Set(['id', 'severity', 'kinds', 'summary', 'description', 'fix', 'check']);

/** Loads the policies of one file; problems (syntax, subset, shape) are returned, never thrown. */
export async function loadPolicyFile(file: string, text: string, budget: number): Promise<{ policies: LoadedPolicy[]; problems: LoadProblem[] }> {
  const problems: LoadProblem[] = [];
  let program: any = readCachedAst(text);
  if (!program) {
    const { parse } = await loadParser();
    try {
      program = parse(text, { loc: true, range: false, comment: false, jsx: false, filePath: file });
    } catch (e: any) {
      const line = e.lineNumber ?? e.location?.start?.line ?? 1;
      const column = (e.column ?? e.location?.start?.column ?? 0) + 1;
      problems.push({ file, line, column, message: `syntax error: ${e.message}` });
      return { policies: [], problems };
    }
    writeCachedAst(text, program);
  }
  problems.push(...checkSubset(program, file));
  // Names are resolved even when the subset check failed, so one load reports every problem.
  let module: ReturnType<typeof compileModule>;
  try {
    module = compileModule(program, file, problems);
  } catch (e) {
    if (!problems.length) throw e;
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  if (!module) return { policies: [], problems };

  let exported: unknown;
  rt.steps = 0;
  rt.budget = budget;
  rt.depth = 0;
  rt.pos = undefined;
  try {
    exported = module.run();
  } catch (e: any) {
    const at = e instanceof PolicyRuntimeError ? e.at : rt.pos;
    problems.push({ file, line: at?.line ?? 1, column: at?.column ?? 1, message: `the top level of the policy failed: ${e?.message ?? e}` });
    return { policies: [], problems };
  }
  const at = rt.pos ?? { line: 1, column: 1 };
  const problem = (message: string) => problems.push({ file, line: at.line, column: at.column, message });
  if (exported === undefined) {
    problem('the file has no default export; write export default definePolicy({ id, severity, kinds, summary, check })');
    return { policies: [], problems };
  }
  const list = Array.isArray(exported) ? exported : [exported];
  const policies: LoadedPolicy[] = [];
  for (const p of list) {
    const meta = validate(p, file, problem);
    if (meta) policies.push({ meta, check: (p as any).check });
  }
  return { policies, problems };
}

function validate(p: any, file: string, problem: (m: string) => void): PolicyMeta | undefined {
  if (!p || typeof p !== 'object' || Array.isArray(p)) {
    problem('the default export must be definePolicy({ id, severity, kinds, summary, check }) or a list of them');
    return undefined;
  }
  let ok = true;
  const bad = (m: string) => {
    problem(m);
    ok = false;
  };
  for (const k of Object.keys(p)) if (!KEYS.has(k)) bad(`unknown policy field "${k}" (expected ${[...KEYS].join(', ')})`);
  if (typeof p.id !== 'string' || !POLICY_ID.test(p.id)) bad(`policy id ${JSON.stringify(p.id ?? null)} must be "namespace/name" in lower case, e.g. "org/route-timeouts"`);
  if (!SEVERITIES.includes(p.severity)) bad(`policy ${p.id}: severity must be "error", "warning" or "info"`);
  if (!Array.isArray(p.kinds) || !p.kinds.length || p.kinds.some((k: unknown) => typeof k !== 'string' || !k)) bad(`policy ${p.id}: kinds must be a non-empty list of kinds, e.g. ['VirtualService']`);
  if (typeof p.summary !== 'string' || !p.summary.trim()) bad(`policy ${p.id}: summary must be a one-line description`);
  for (const k of ['description', 'fix']) if (p[k] !== undefined && typeof p[k] !== 'string') bad(`policy ${p.id}: ${k} must be a string`);
  if (typeof p.check !== 'function') bad(`policy ${p.id}: check must be a function (resource, ctx) => void`);
  if (!ok) return undefined;
  return { id: p.id, severity: p.severity, kinds: [...p.kinds], summary: p.summary.trim(), description: p.description, fix: p.fix, file };
}
