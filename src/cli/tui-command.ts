import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { lint, type LintOptions, type Rule } from '../engine/index.ts';
import { render, wantsColor } from '../report/index.ts';
import { meshSource } from '../report/tui/mesh.ts';
import { securityLookup } from '../report/tui/security.ts';
import type { RunOutcome } from '../report/tui/run.tsx';
import { UsageError, type LintArgs } from './args.ts';
import { gitRoot } from './git.ts';
import { chooseFormat, exitCode, inputProblems, reportData, type Io } from './main.ts';
import { watchChanges } from './watch.ts';

/** Imports the UI (ink and React) with ink's CI detection off: the caller has already decided the terminal is interactive. */
async function loadTui() {
  const saved = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  try {
    return await import('../report/tui/run.tsx');
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
  }
}

/** `meshlint --format tui`: lints with live progress inside the UI, lets the user browse, returns the usual exit code. */
export async function runTuiLint(args: LintArgs, io: Io, options: LintOptions, rules: readonly Rule[]): Promise<number> {
  if (!io.stdinIsTTY || !io.stdout.isTTY) throw new UsageError('--format tui needs an interactive terminal (stdin and stdout must both be terminals)');
  if (args.paths.includes('-')) throw new UsageError('--format tui reads keys from stdin, so it cannot lint standard input');
  const { runTui } = await loadTui();
  const root = gitRoot(io.cwd) ?? io.cwd;
  let first = true;
  const lintOnce = (onStage: NonNullable<LintOptions['onStage']>): RunOutcome => {
    const result = lint({ ...options, onStage });
    const problems = inputProblems(result, args.paths);
    if (problems.length) return { errors: problems, exitCode: 2 };
    const data = reportData(result, rules);
    // Files asked for next to the UI (-f json -o out.json) are written once, from the first run.
    for (const out of first ? args.outputs : []) {
      if (out.file === undefined) continue;
      const format = chooseFormat(out.format, io, true, args.watch);
      writeFileSync(resolve(io.cwd, out.file), render(format, data, { cwd: io.cwd, root, color: false, columns: 100, env: io.env }));
    }
    first = false;
    return { result: { report: data, mesh: meshSource(result.graph, securityLookup(result.graph)) }, exitCode: exitCode(result, args.failOn) };
  };
  return runTui({
    target: args.paths.join(' '),
    color: args.color ?? wantsColor(io.env, true),
    stdin: process.stdin,
    stdout: io.stdout as NodeJS.WriteStream,
    stderr: io.stderr as NodeJS.WriteStream,
    lint: lintOnce,
    // --watch: the UI re-runs by itself when a manifest or the configuration changes, as `r` does.
    watch: args.watch ? (onChange) => watchChanges(args, io.cwd, onChange) : undefined,
  });
}
