import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { exitCode } from '../../src/cli/main.ts';
import { defineRule } from '../../src/engine/index.ts';
import { flagData, lintText, where } from '../helpers/probe-rule.ts';

const run = suite('engine: running rules');

const crashing = defineRule({
  id: 'crashing',
  severity: 'warning',
  category: 'correctness',
  docs: { summary: 'Throws.', description: 'A rule for tests.' },
  check(ctx) {
    const [first] = ctx.graph.resources.ofKind('ConfigMap');
    ctx.report({ resource: first, pointer: '/metadata/name', message: 'before the crash' });
    throw new TypeError('boom');
  },
});

const TEXT = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  one: x\n';

run('a rule that throws becomes an internal-error finding; the other rules still report; exit code 2', () => {
  const r = lintText(TEXT, { rules: [crashing, flagData] });
  assert.equal(where(r), ['internal-error 1:1', 'crashing 3:18', 'flag-data 5:8']);
  const crash = r.diagnostics[0];
  assert.is(crash.location.file, '<meshlint>');
  assert.match(crash.message, /^Rule crashing failed after reporting on ConfigMap default\/a: TypeError: boom /);
  assert.is(exitCode(r, 'never'), 2);
});

run('a rule turned off everywhere does not run at all', () => {
  const r = lintText(TEXT, { rules: [crashing, flagData], ruleLevels: { crashing: 'off' } });
  assert.equal(where(r), ['flag-data 5:8']);
});

run('findings come out sorted by file, line, column; the same input gives the same output', () => {
  const text = `${TEXT}  two: x\n---\n${TEXT.replace('name: a', 'name: b')}`;
  const a = lintText(text, { rules: [flagData] });
  const b = lintText(text, { rules: [flagData] });
  assert.equal(where(a), ['flag-data 5:8', 'flag-data 6:8', 'flag-data 12:8']);
  assert.equal(a.diagnostics.map((d) => d.fingerprint), b.diagnostics.map((d) => d.fingerprint));
});

run('a broken document does not hide the findings on the other documents of its file', () => {
  const text = `${TEXT}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n---\n${TEXT.replace('name: a', 'name: c')}`;
  assert.equal(where(lintText(text)), ['flag-data 5:8', 'yaml-syntax 10:9', 'flag-data 16:8']);
});

run.run();
