// Cold start: wall time of a whole `meshlint` process on the demo fixtures against a bare `node -e 0`.
import { spawnSync } from 'node:child_process';

export interface ColdStart {
  meshlintMs: number;
  nodeMs: number;
  runs: number;
}

function wall(args: string[], cwd: string): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  // Exit 1 is "problems found", which the demo has on purpose.
  if (r.status !== 0 && r.status !== 1) throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return ms;
}

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Alternates the two commands so that background load hits both alike; one warm-up run each is discarded. */
export function coldStart(root: string, runs: number): ColdStart {
  const cli = ['bin/meshlint.js', 'fixtures/demo', '-f', 'compact'];
  const bare = ['-e', '0'];
  wall(cli, root);
  wall(bare, root);
  const m: number[] = [];
  const n: number[] = [];
  for (let i = 0; i < runs; i++) {
    m.push(wall(cli, root));
    n.push(wall(bare, root));
  }
  return { meshlintMs: median(m), nodeMs: median(n), runs };
}
