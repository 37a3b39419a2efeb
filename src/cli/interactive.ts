import type { Io } from './main.ts';

// The same test ink's is-in-ci dependency makes: a CI variable set to anything but "0" or "false".
function setFlag(env: Io['env'], name: string): boolean {
  const v = env[name];
  return v !== undefined && v !== '0' && v !== 'false';
}

/** True when ink would run in CI mode (final frame only, no input handling). */
export function inCi(env: Io['env']): boolean {
  return setFlag(env, 'CI') || setFlag(env, 'CONTINUOUS_INTEGRATION');
}

/**
 * Whether `--format auto` opens the terminal UI: both stdin and stdout are terminals, and nothing says a machine is
 * reading. ink looks at stdout alone, but under pre-commit stdout is a pty too, so PRE_COMMIT is checked here.
 */
export function interactiveTerminal(io: Pick<Io, 'env' | 'stdout' | 'stdinIsTTY'>): boolean {
  if (!io.stdinIsTTY || !io.stdout.isTTY) return false;
  if (inCi(io.env) || io.env.PRE_COMMIT !== undefined || io.env.GITHUB_ACTIONS === 'true') return false;
  return io.env.TERM !== 'dumb';
}
