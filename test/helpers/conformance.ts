import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from './lint.ts';

const RUNNER = join(ROOT, '../shared/conformance/istio-conformance.mjs');

/**
 * A suite that runs the istioctl analyze conformance cases of some analyzers against the built CLI and requires
 * every case to pass with no extra finding. The cases live outside the project; without them (or without a
 * build) the suite skips itself.
 */
export function conformanceSuite(name: string, analyzers: readonly string[], minCases: number) {
  const s = suite(`istio conformance: ${name}`);
  const available = existsSync(RUNNER) && existsSync(join(ROOT, 'dist/meshlint.js'));
  s(available ? `every case of the ${name} passes` : 'skipped: conformance cases or build not available', () => {
    if (!available) return;
    let out: string;
    try {
      out = execFileSync(process.execPath, [RUNNER, '--cmd', `${process.execPath} bin/meshlint.js`, '--analyzers', analyzers.join(',')], { cwd: ROOT, encoding: 'utf8' });
    } catch (e: any) {
      out = String(e.stdout ?? '') + String(e.stderr ?? '');
    }
    const m = /istio conformance: (\d+)\/(\d+) cases pass; recall (\d+)\/(\d+).*precision (\d+)\/(\d+)/.exec(out);
    assert.ok(m, `no summary line in:\n${out}`);
    assert.ok(Number(m![2]) >= minCases, `expected the ${minCases} cases of these analyzers, got ${m![2]}`);
    assert.is(m![1], m![2], `failing cases:\n${out}`);
    assert.is(m![5], m![6], `extra findings:\n${out}`);
  });
  return s;
}
