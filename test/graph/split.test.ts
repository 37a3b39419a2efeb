import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Diagnostic } from '../../src/core/index.ts';
import { ROOT, brief, lintPaths } from '../helpers/lint.ts';

const DIR = 'fixtures/graph/split';

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
}

/** A finding without its file and line: what must not depend on how the repository is split. */
function identity(d: Diagnostic): string {
  const r = d.resource ? `${d.resource.kind} ${d.resource.namespace}/${d.resource.name}` : '';
  return `${d.ruleId} | ${r} | ${d.location.pointer} | ${d.message} | ${(d.related ?? []).map((x) => x.message).join('; ')}`;
}

const s = suite('graph: a repository split over files gives the findings of one big file');

s('directory tree and a single concatenated file agree', () => {
  const split = lintPaths([DIR]).diagnostics;
  const tmp = mkdtempSync(join(tmpdir(), 'meshlint-split-'));
  try {
    const one = join(tmp, 'all.yaml');
    writeFileSync(one, files(join(ROOT, DIR)).map((f) => readFileSync(f, 'utf8').trimEnd()).join('\n---\n') + '\n');
    const whole = lintPaths([one]).diagnostics;
    assert.ok(split.length >= 8, `expected the planted findings, got ${brief(split).join('\n')}`);
    assert.equal(whole.map(identity).sort(), split.map(identity).sort());
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

s('findings land in the file of the offending object', () => {
  const got = brief(lintPaths([DIR]).diagnostics.filter((d) => d.ruleId === 'virtualservice-subset-not-found' || d.ruleId === 'destinationrule-subset-no-workload'));
  assert.equal(got, [
    `destinationrule-subset-no-workload ${DIR}/mesh/destinationrules.yaml:14:5`,
    `virtualservice-subset-not-found ${DIR}/mesh/virtualservices.yaml:12:44`,
  ]);
});

s.run();
