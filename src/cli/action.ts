import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { LintResult } from '../engine/index.ts';
import { countSeverities, githubSummary } from '../report/index.ts';
import { ANNOTATION_LIMIT } from '../report/github.ts';
import { rules } from '../../rules/index.ts';
import { gitRoot } from './git.ts';
import { main, reportData, type Io } from './main.ts';

/**
 * The GitHub Action (action.yml): one lint run that writes the SARIF file, prints at most GitHub's per-step
 * number of annotations, appends a job summary, sets the step outputs and exits by `fail-on`.
 * Inputs arrive as INPUT_<NAME> variables, as the runner passes them to JavaScript actions.
 */
export async function runAction(io: Io): Promise<number> {
  const env = io.env;
  // JavaScript actions get INPUT_FAIL-ON; a composite step's env (action.yml) can only portably say INPUT_FAIL_ON.
  const input = (name: string) => (env[`INPUT_${name.toUpperCase()}`] ?? env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim();
  const workspace = env.GITHUB_WORKSPACE || io.cwd;
  const cwd = resolve(workspace, input('working-directory') || '.');
  const paths = input('paths').split(/\s+/).filter(Boolean);
  const annotations = input('annotations') || 'on';
  if (!['on', 'off', 'true', 'false'].includes(annotations)) {
    io.stdout.write(`::error title=meshlint::input annotations: expected on or off, got "${annotations}"\n`);
    return 2;
  }
  const annotate = annotations === 'on' || annotations === 'true';
  const sarifFile = resolve(cwd, input('sarif-file') || 'meshlint.sarif');
  mkdirSync(dirname(sarifFile), { recursive: true });

  const argv = [...(paths.length ? paths : ['.']), '--fail-on', input('fail-on') || 'error', '-f', 'sarif', '-o', sarifFile];
  if (input('config')) argv.push('--config', input('config'));
  // With annotations off, the log still shows the findings, as plain text no problem matcher turns into annotations.
  argv.push('-f', annotate ? 'github' : 'stylish');

  let result: LintResult | undefined;
  const code = await main(argv, { ...io, cwd, onLint: (r) => (result = r) });
  if (!result) return code;

  const { errors, warnings } = countSeverities(result.diagnostics);
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `errors=${errors}\nwarnings=${warnings}\nsarif-file=${sarifFile}\n`);
  if (env.GITHUB_STEP_SUMMARY) {
    const data = reportData(result, rules);
    const summary = githubSummary(data, { cwd, root: gitRoot(cwd) ?? cwd, color: false, columns: 100, env });
    appendFileSync(env.GITHUB_STEP_SUMMARY, summary + overflowNote(result, annotate));
  }
  return code;
}

/** Says in the summary how many findings have no annotation, so a capped or silenced log is not mistaken for all. */
function overflowNote(result: LintResult, annotated: boolean): string {
  const counts = countSeverities(result.diagnostics);
  const total = counts.errors + counts.warnings + counts.infos;
  const shown = annotated ? (['errors', 'warnings', 'infos'] as const).reduce((n, k) => n + Math.min(counts[k], ANNOTATION_LIMIT), 0) : 0;
  if (shown === total) return '';
  const why = annotated ? `GitHub shows ${ANNOTATION_LIMIT} annotations of each severity per step` : 'annotations are off';
  return `\n${total - shown} of ${total} findings have no annotation (${why}); the tables above and the SARIF file count them all.\n`;
}
