import { render } from 'ink';
import { countSeverities } from '../types.ts';
import { App, type RunState, type TuiResult } from './app.tsx';
import { summaryLine } from './header.tsx';

export type { TuiResult } from './app.tsx';
export type { MeshHost, MeshSource, TreeNode } from './mesh-types.ts';

/** One lint: a result to browse, or the reasons there is none (missing paths, no files). Both carry the exit code. */
export type RunOutcome = { result: TuiResult; exitCode: number } | { errors: readonly string[]; exitCode: number };

export interface TuiOptions {
  /** What is being linted, for the progress view. */
  target: string;
  color: boolean;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Runs one lint synchronously, calling `onStage` as each stage starts. */
  lint(onStage: (stage: string, counts: { files: number; resources: number }) => void): RunOutcome;
  /** `--watch`: starts watching the inputs, calling `onChange` when they change; `refresh` follows each run. */
  watch?(onChange: () => void): { refresh(): void; close(): void };
}

// The alternate screen keeps the user's scrollback intact and gives the app the whole terminal.
const ENTER_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_SCREEN = '\u001b[?1049l';
// ink paints at most 30 frames a second; waiting a little longer than one frame lets the
// "re-running" frame reach the screen before the synchronous lint blocks the event loop.
const FRAME_MS = 40;

/**
 * Runs the terminal UI until the user quits; resolves to the exit code of the last run, which is the code the same
 * command gives without the UI. A run that cannot start (no files) leaves the UI and prints why on stderr.
 */
export async function runTui(opts: TuiOptions): Promise<number> {
  let state: RunState = { progress: { stage: 'load', files: 0, resources: 0 } };
  let exitCode = 0;
  let fatal: readonly string[] | undefined;
  let crash: unknown;
  let onScreen = true;
  const leave = () => {
    if (onScreen) opts.stdout.write(LEAVE_SCREEN);
    onScreen = false;
  };
  process.once('exit', leave);
  opts.stdout.write(ENTER_SCREEN);

  const element = (s: RunState) => <App run={s} target={opts.target} color={opts.color} onQuit={() => instance.unmount()} onRerun={rerun} />;
  const instance = render(element(state), { stdin: opts.stdin, stdout: opts.stdout, stderr: opts.stderr, exitOnCtrlC: true });
  const update = (s: RunState) => {
    state = s;
    instance.rerender(element(s));
  };

  // A change seen while a run is under way starts another run after it: that one may have read the old files.
  let changedDuringRun = false;
  const changes = opts.watch?.(() => {
    if (state.progress) changedDuringRun = true;
    else rerun();
  });
  const afterRun = () => {
    changes?.refresh();
    if (changedDuringRun) {
      changedDuringRun = false;
      rerun();
    }
  };

  const lintOnce = () => {
    try {
      const outcome = opts.lint((stage, counts) => update({ ...state, progress: { stage, ...counts } }));
      exitCode = outcome.exitCode;
      if ('result' in outcome) return (update({ result: outcome.result }), afterRun());
      if (state.result) return (update({ result: state.result, error: outcome.errors.join('; ') }), afterRun());
      fatal = outcome.errors;
    } catch (e) {
      crash = e;
    }
    instance.unmount();
  };
  function rerun() {
    update({ ...state, progress: { stage: 'load', files: 0, resources: 0 }, error: undefined });
    setTimeout(lintOnce, FRAME_MS);
  }

  setImmediate(lintOnce);
  try {
    await instance.waitUntilExit();
  } finally {
    changes?.close();
    leave();
    process.off('exit', leave);
  }
  if (crash) throw crash;
  if (fatal) {
    opts.stderr.write(fatal.map((e) => `meshlint: ${e}\n`).join(''));
    return exitCode;
  }
  if (state.result) {
    const { report } = state.result;
    const line = summaryLine({ ...report.summary, ...countSeverities(report.diagnostics) });
    opts.stdout.write(line.map((s) => s.text).join('') + '\n');
  }
  return exitCode;
}
