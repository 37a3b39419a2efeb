import { readdirSync, statSync, watch as fsWatch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { LintResult } from '../engine/index.ts';
import { findConfig } from '../engine/index.ts';
import { Ignorer } from '../load/index.ts';
import { UsageError, type LintArgs } from './args.ts';

/**
 * The lines a background problem matcher tracks (tsc's watch convention): the first marks the start of a
 * run, the second its end. VS Code clears the run's problems at the first and publishes them at the second.
 */
export const WATCH_START = 'Starting analysis in watch mode...';
export const WATCH_BEGIN = 'File change detected. Starting analysis...';
export const watchEnd = (n: number) => `Found ${n} problem${n === 1 ? '' : 's'}. Watching for file changes.`;

const MANIFEST = /\.(ya?ml|json)$/i;

/** One lint run that prints its report; `observe` receives the result. Resolves to the exit code. */
export type LintOnce = (observe: (result: LintResult) => void) => Promise<number>;

export interface WatchIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
}

export interface WatchOptions {
  /** Quiet time after the last change before re-linting: editors save in several steps. */
  debounceMs?: number;
  /** Stops watching; the promise then resolves with the last exit code. Without one, it runs until killed. */
  signal?: AbortSignal;
}

/** Lints, then re-lints whenever a manifest (or the configuration) under the given paths changes. Read-only. */
export function watch(args: LintArgs, io: WatchIo, lintOnce: LintOnce, opts: WatchOptions = {}): Promise<number> {
  if (args.paths.includes('-')) throw new UsageError('--watch cannot read standard input');
  let last = 0;
  const changes = watchChanges(args, io.cwd, () => void runOnce(false), opts.debounceMs);

  const runOnce = async (first: boolean) => {
    io.stdout.write(`${first ? WATCH_START : WATCH_BEGIN}\n`);
    let problems = 0;
    try {
      last = await lintOnce((r) => (problems = r.diagnostics.length));
    } catch (e: any) {
      // Arguments cannot change while watching; a broken configuration file can, so keep going.
      if (first && e instanceof UsageError) throw e;
      io.stderr.write(`meshlint: ${e?.message ?? e}\n`);
      last = 2;
    }
    // Watch first, then say so: a change made as soon as the line appears must not be missed.
    changes.refresh();
    io.stdout.write(`${watchEnd(problems)}\n`);
  };

  return new Promise<number>((done, fail) => {
    const stop = () => {
      changes.close();
      done(last);
    };
    runOnce(true).then(() => {
      if (opts.signal?.aborted) stop();
      else opts.signal?.addEventListener('abort', stop, { once: true });
    }, fail);
  });
}

export interface ChangeWatcher {
  /** Watches what the next run could read (call after each run: directories appear and vanish). */
  refresh(): void;
  close(): void;
}

/**
 * Calls `onChange` once a manifest or the configuration under the given paths changed and `debounceMs` passed
 * without another change. Our own output files never count. Nothing is watched until the first `refresh()`.
 */
export function watchChanges(args: LintArgs, cwd: string, onChange: () => void, debounceMs = 100): ChangeWatcher {
  const outputs = new Set(args.outputs.filter((o) => o.file !== undefined).map((o) => resolve(cwd, o.file!)));
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, debounceMs);
  };

  /** Watches every directory the run could read (non-recursive watchers: recursive ones would walk node_modules). */
  const refresh = () => {
    const wanted = watchTargets(args, cwd);
    for (const [dir, w] of watchers) {
      if (!wanted.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const [dir, only] of wanted) {
      if (watchers.has(dir)) continue;
      try {
        const w = fsWatch(dir, (_event, name) => {
          if (isRelevant(dir, name, only, outputs, watchers)) schedule();
        });
        w.on('error', () => schedule());
        watchers.set(dir, w);
      } catch {
        /* vanished between the walk and the watch: the next run sees it */
      }
    }
  };

  const close = () => {
    if (timer) clearTimeout(timer);
    for (const w of watchers.values()) w.close();
    watchers.clear();
  };
  return { refresh, close };
}

/** Whether a change to `name` in `dir` can change the findings. Our own output files never count. */
export function isRelevant(dir: string, name: string | Buffer | null, only: ReadonlySet<string> | null, outputs: ReadonlySet<string>, watched: { has(dir: string): boolean }): boolean {
  if (name === null) return true; // the platform did not say what changed
  const file = String(name);
  const abs = join(dir, file);
  if (outputs.has(abs)) return false;
  if (only) return only.has(basename(file));
  if (MANIFEST.test(file)) return true;
  if (watched.has(abs)) return true; // a watched directory was renamed or removed
  try {
    return statSync(abs).isDirectory(); // a new directory may hold manifests
  } catch {
    return false;
  }
}

/**
 * Directory → the file names that matter in it (null = every manifest). Directories are walked with the same
 * always-ignored names and --ignore-pattern globs as the loader; single files are watched through their parent
 * so editors that save by renaming do not end the watch.
 */
export function watchTargets(args: LintArgs, cwd: string): Map<string, Set<string> | null> {
  const out = new Map<string, Set<string> | null>();
  const ignorer = new Ignorer(cwd, args.ignorePatterns);
  const addFile = (abs: string) => {
    const dir = dirname(abs);
    const cur = out.get(dir);
    if (cur === null) return;
    out.set(dir, new Set([...(cur ?? []), basename(abs)]));
  };
  const walk = (dir: string, depth: number) => {
    out.set(dir, null);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const abs = join(dir, e.name);
      if (depth < 64 && e.isDirectory() && out.get(abs) !== null && !ignorer.ignores(abs, true)) walk(abs, depth + 1);
    }
  };
  for (const p of [...args.paths, ...args.context]) {
    const abs = resolve(cwd, p);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      /* missing now; watch where it would appear */
    }
    if (isDir) walk(abs, 0);
    else addFile(abs);
  }
  const config = args.noConfig ? undefined : args.config ? resolve(cwd, args.config) : findConfig(cwd);
  for (const f of [config, args.meshConfig, args.meshNetworks]) if (f) addFile(resolve(cwd, f));
  return out;
}
