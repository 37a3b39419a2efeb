// `meshlint policy test [DIR]`: every *.policy.ts under DIR is loaded once; every YAML/JSON file under DIR
// is a case, linted with those policies alone. A case passes when the findings of the policies (and
// policy-error) fall exactly on the lines its `# expect: POLICY-ID` comments mark.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../core/types.ts';
import { ConfigError, lint, type Config } from '../engine/index.ts';
import { displayPath, formatProblems, PolicyHost, POLICY_ERROR, policyFilesIn, readPolicySources } from '../policy/index.ts';
import { UsageError } from './args.ts';
import type { Io } from './main.ts';

const CASE_FILE = /\.(ya?ml|json)$/i;
const EXPECT = /#\s*expect:\s*([^#\n\r]+)/;

export interface CaseResult {
  file: string;
  passed: boolean;
  /** `line id` expected but not reported. */
  missing: string[];
  /** Findings reported on no expected line. */
  unexpected: Diagnostic[];
  findings: number;
  /** Policy ids the case expects. */
  expects: string[];
}

function caseFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) caseFiles(p, out);
    } else if (CASE_FILE.test(e.name)) out.push(p);
  }
  return out;
}

/** `line id` for each expectation on a policy id (or policy-error) in the case. */
export function expectations(text: string, ids: ReadonlySet<string>): string[] {
  const out: string[] = [];
  text.split(/\r\n|\n|\r/).forEach((line, i) => {
    const m = EXPECT.exec(line);
    if (!m) return;
    for (const id of m[1].split(',').map((x) => x.trim())) if (ids.has(id)) out.push(`${i + 1} ${id}`);
  });
  return out;
}

/** Runs the cases of `dir` with its policies; `host` may be shared with the caller. */
export function runCases(dir: string, cwd: string, host: PolicyHost, ids: ReadonlySet<string>): CaseResult[] {
  const config: Config = { dir: cwd, rules: {}, ignore: [], overrides: [], policies: [], suppress: [] };
  return caseFiles(dir).map((abs) => {
    const file = displayPath(abs, cwd);
    const result = lint({ cwd, paths: [file], rules: [], config, policyHost: host });
    const diags = result.diagnostics.filter((d) => ids.has(d.ruleId) || d.ruleId === POLICY_ERROR);
    const expected = expectations(readFileSync(abs, 'utf8'), ids);
    const left = [...expected];
    const unexpected: Diagnostic[] = [];
    for (const d of diags) {
      const i = left.indexOf(`${d.location.range.start.line} ${d.ruleId}`);
      if (i >= 0) left.splice(i, 1);
      else unexpected.push(d);
    }
    const broken = result.diagnostics.filter((d) => d.severity === 'error' && !ids.has(d.ruleId) && d.ruleId !== POLICY_ERROR);
    return { file, passed: !left.length && !unexpected.length && !broken.length, missing: left, unexpected: [...unexpected, ...broken], findings: diags.length, expects: expected.map((e) => e.split(' ')[1]) };
  });
}

export async function runPolicyTest(paths: readonly string[], rest: readonly string[], io: Io): Promise<number> {
  const extra = rest.filter((a) => a.startsWith('-'));
  if (extra.length) throw new UsageError(`meshlint policy test: unknown option ${extra[0]} (usage: meshlint policy test [DIR])`);
  if (paths.length > 1) throw new UsageError('usage: meshlint policy test [DIR]');
  const dir = resolve(io.cwd, paths[0] ?? '.');
  try {
    if (!statSync(dir).isDirectory()) throw new Error();
  } catch {
    throw new UsageError(`meshlint policy test: ${paths[0]} is not a directory`);
  }
  const files = policyFilesIn(dir);
  if (!files.length) throw new ConfigError(`no *.policy.ts file under ${displayPath(dir, io.cwd) || '.'}`);
  const host = new PolicyHost(readPolicySources(files, io.cwd));
  try {
    const { policies, problems } = host.load();
    if (problems.length) throw new ConfigError(formatProblems(problems));
    const ids = new Set(policies.map((p) => p.id));
    const results = runCases(dir, io.cwd, host, ids);
    io.stdout.write(renderResults(results, ids));
    return results.every((r) => r.passed) ? 0 : 1;
  } finally {
    host.close();
  }
}

export function renderResults(results: readonly CaseResult[], ids: ReadonlySet<string>): string {
  const lines: string[] = [];
  const covered = new Set<string>();
  for (const r of results) {
    lines.push(`${r.passed ? 'PASS' : 'FAIL'} ${r.file} (${r.findings} finding${r.findings === 1 ? '' : 's'})`);
    for (const m of r.missing) {
      const [line, id] = m.split(' ');
      lines.push(`     missing: ${id} on line ${line}`);
    }
    for (const d of r.unexpected) lines.push(`     unexpected: ${d.location.file}:${d.location.range.start.line}:${d.location.range.start.column} ${d.ruleId} ${d.message}`);
  }
  for (const r of results) for (const id of r.expects) covered.add(id);
  for (const id of [...ids].sort()) if (!covered.has(id)) lines.push(`note: no case expects a finding of ${id} (add one with "# expect: ${id}")`);
  const failed = results.filter((r) => !r.passed).length;
  lines.push('', `${results.length - failed} of ${results.length} policy cases passed${failed ? `, ${failed} failed` : ''}`);
  return lines.join('\n') + '\n';
}
