import * as assert from 'uvu/assert';
import { yaml11Boolean } from '../../rules/yaml-1.1-boolean.ts';
import { lint } from '../../src/engine/index.ts';
import { ROOT } from '../helpers/lint.ts';
import { testRule } from '../helpers/rule-tester.ts';

const s = testRule(yaml11Boolean);

s('the message names the value it becomes and the fix is the quoted text', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    mode: 0777\n';
  const [d] = lint({ cwd: ROOT, paths: ['-'], readStdin: () => Buffer.from(text), rules: [yaml11Boolean] }).diagnostics;
  assert.is(d.message, 'Unquoted 0777 is read as the number 511 (YAML 1.1, as kubectl reads it), but a string is expected here');
  assert.is(d.fix, 'Write "0777" (quoted).');
  assert.equal([d.location.range.start.line, d.location.range.start.column, d.location.pointer], [6, 11, '/metadata/annotations/mode']);
});

s.run();
