import { loadPolicyFile, type LoadedPolicy } from '../../src/policy/load.ts';
import { runPolicy, toDiagnostics } from '../../src/policy/evaluate.ts';
import { Views } from '../../src/policy/views.ts';
import { buildGraph } from '../../src/graph/index.ts';
import { parseText } from '../helpers/lint.ts';
import type { LoadProblem } from '../../src/policy/subset.ts';

export const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts:
  - reviews
  http:
  - name: a
    route:
    - destination:
        host: reviews
`;

/** A policy file whose check body is `body` (on line 4), for VirtualServices. */
export function policySource(body: string, top = ''): string {
  return `import { definePolicy } from 'meshlint/policy';\n${top}\nexport default definePolicy({ id: 'org/test', severity: 'warning', kinds: ['VirtualService'], summary: 'Test.', check(vs, ctx) {\n${body}\n} });\n`;
}

export async function load(text: string, steps = 1_000_000): Promise<{ policies: LoadedPolicy[]; problems: LoadProblem[] }> {
  return loadPolicyFile('test.policy.ts', text, steps);
}

/** `line:column message` of each load problem. */
export async function problems(text: string): Promise<string[]> {
  return (await load(text)).problems.map((p) => `${p.line}:${p.column} ${p.message}`);
}

/** Runs the body against `yaml` in this thread; returns `rule message` per finding. */
export async function run(body: string, opts: { top?: string; yaml?: string; steps?: number } = {}): Promise<string[]> {
  const { policies, problems } = await load(policySource(body, opts.top), opts.steps);
  if (problems.length) throw new Error(problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  const { resources } = parseText(opts.yaml ?? VS);
  const graph = buildGraph(resources);
  const raw = runPolicy(policies[0], graph, new Views(), opts.steps ?? 1_000_000, (r) => resources.indexOf(r));
  return toDiagnostics(policies[0].meta, raw, resources).map((d) => `${d.ruleId} ${d.message}`);
}

/** The messages a body reports with ctx.report({ message }), for checking values: `say(x)` reports String(x). */
export async function values(body: string, top = ''): Promise<string[]> {
  const out = await run(`const say = (v) => ctx.report({ message: typeof v === 'string' ? v : JSON.stringify(v) ?? 'undefined' });\n${body}`, { top });
  return out.map((s) => s.replace(/^org\/test /, ''));
}
