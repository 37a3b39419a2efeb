// Files over 1 MiB are parsed one document at a time (to bound memory); the results must be those of a whole-file parse.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseText } from '../helpers/lint.ts';

const doc = (i: number, extra = '') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: config-${i}
  namespace: team-${i % 7}
  labels:
    app: config-${i}
data:
  key: value-${i}
  padding: "${'x'.repeat(200)}"
${extra}`;

/** Documents 0..n-1 joined by `---`, with `special` replacing document `at`; and the 1-based line where it starts. */
function bigFile(n: number, at: number, special: string): { text: string; line: number } {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(i === at ? special : doc(i));
  const text = parts.join('---\n');
  const before = parts.slice(0, at).join('---\n') + (at ? '---\n' : '');
  return { text, line: before.split('\n').length };
}

const brief = (r: ReturnType<typeof parseText>) => r.diagnostics.map((d) => `${d.ruleId} ${d.location.range.start.line}:${d.location.range.start.column}`);

test('a big file gives every resource, with exact positions, and its findings', () => {
  const { text, line } = bigFile(5000, 4321, doc(4321, '  key: again\n'));
  assert.ok(text.length > 1024 * 1024);
  const r = parseText(text, 'big.yaml');
  assert.is(r.resources.length, 5000);
  assert.equal(brief(r), [`duplicate-key ${line + 10}:3`]);
  const last = r.resources[4999];
  assert.is(last.name, 'config-4999');
  assert.is(last.docIndex, 4999);
  const loc = last.locate('/data/key');
  assert.is(text.split('\n')[loc.range.start.line - 1].slice(loc.range.start.column - 1), 'value-4999');
  assert.equal(r.resources[4321].location().range.start, { line, column: 1, offset: text.indexOf('apiVersion', text.indexOf('config-4320')) });
});

test('a big file with a YAML directive parses as a whole, as a small one does', () => {
  const { text } = bigFile(5000, 2500, '%YAML 1.1\n' + '---\n' + doc(2500));
  const r = parseText(text.replace('---\n%YAML', '...\n%YAML'), 'big.yaml');
  assert.equal(brief(r), []);
  assert.is(r.resources.length, 5000);
});

test('a syntax error in a big file is reported at its line and the other documents are still read', () => {
  const { text, line } = bigFile(5000, 1234, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n');
  const r = parseText(text, 'big.yaml');
  assert.is(r.resources.length, 4999);
  assert.equal(r.diagnostics.map((d) => d.ruleId), ['yaml-syntax']);
  assert.ok(r.diagnostics[0].location.range.start.line >= line + 3, brief(r).join());
});

test.run();
