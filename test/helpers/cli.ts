import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { ROOT } from './lint.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  stdin?: string;
}

/** Runs the command line in this process with captured output (no terminal, no colour unless asked). */
export async function runCli(argv: string[], opts: CliOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: opts.env ?? {},
    cwd: opts.cwd ?? ROOT,
    readStdin: () => Buffer.from(opts.stdin ?? ''),
  });
  return { code, stdout, stderr };
}

/** Runs `node bin/meshlint.js` as a user would, after making sure the bundle is up to date. */
export function spawnCli(argv: string[], opts: CliOptions = {}): CliRun {
  ensureBuilt();
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...opts.env } as NodeJS.ProcessEnv;
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/meshlint.js'), ...argv], { cwd: opts.cwd ?? ROOT, env, input: opts.stdin ?? '', encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let built = false;

/** Rebuilds dist/ when a source file is newer than the bundle (npm test builds first, a single test file may not). */
function ensureBuilt(): void {
  if (built) return;
  built = true;
  const bundle = join(ROOT, 'dist/meshlint.js');
  const stamp = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  if (stamp && !['src', 'rules'].some((d) => newerThan(join(ROOT, d), stamp))) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}

function newerThan(dir: string, stamp: number): boolean {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() ? newerThan(p, stamp) : statSync(p).mtimeMs > stamp) return true;
  }
  return false;
}
