// Istio's own analyzer test inputs must never make meshlint give up (exit 2), alone or together.
// They live outside this repository; without them the suite says so and skips.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, spawnCli } from '../helpers/cli.ts';
import { ROOT } from '../helpers/lint.ts';

const TESTDATA = resolve(ROOT, process.env.MESHLINT_CONFORMANCE ?? '../shared/conformance/istio/testdata');
const s = suite('Istio analyzer test inputs: never exit 2');

const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])).sort();

if (!existsSync(TESTDATA)) {
  s.skip(`(skipped: ${TESTDATA} is absent)`, () => {});
} else {
  const files = walk(TESTDATA);

  s('all files in one run', () => {
    const r = spawnCli(['--format', 'json', '--closed-world', '--no-config', ...files]);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr.slice(0, 500)}`);
    const out = JSON.parse(r.stdout);
    assert.is(out.summary.files, files.length);
    assert.equal(out.diagnostics.filter((d: any) => d.rule === 'internal-error').map((d: any) => d.message), []);
  });

  s('each file alone', async () => {
    const bad: string[] = [];
    for (const f of files) {
      const r = await runCli(['--format', 'json', '--closed-world', '--no-config', f]);
      if (r.code === 2) bad.push(`${f}: ${r.stderr.trim()}`);
    }
    assert.equal(bad, []);
  });
}

s.run();
