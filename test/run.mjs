// Runs every uvu suite under test/ in one process (TypeScript through tsx) and ends with the one line
// CI reads: "N passed, N failed".
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pattern = process.argv[2] ?? '\\.test\\.tsx?$';
// Parsed policies are cached between runs; the tests keep theirs out of the user's cache.
const cache = process.env.MESHLINT_CACHE_DIR ?? mkdtempSync(join(tmpdir(), 'meshlint-test-cache-'));
const child = spawn(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', 'test', pattern, '-i', 'helpers', '-i', 'bench', '--no-color'], {
  cwd: root,
  env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', MESHLINT_CACHE_DIR: cache },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
child.stdout.on('data', (b) => {
  out += b;
  process.stdout.write(b);
});
child.on('close', (code) => {
  if (!process.env.MESHLINT_CACHE_DIR) rmSync(cache, { recursive: true, force: true });
  const num = (label) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(out)?.[1] ?? NaN);
  const total = num('Total');
  const passed = num('Passed');
  if (Number.isNaN(total) || Number.isNaN(passed)) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  // uvu's Total counts the tests that ran; skipped ones are outside it.
  const failed = total - passed;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || code !== 0 ? 1 : 0);
});
