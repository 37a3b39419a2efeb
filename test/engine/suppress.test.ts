import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '../../src/engine/index.ts';
import { lintText, where } from '../helpers/probe-rule.ts';

// Each ConfigMap data key is a finding of the probe rule `flag-data` (IST0101, KIA0001).
const cm = (name: string, data: string, meta = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${meta}data:\n${data}`;

// ---------------------------------------------------------------------------------------------------------
const comments = suite('suppress: comments');

comments('disable-next-line skips blank and comment lines, takes a reason after --', () => {
  const r = lintText(cm('a', '  # meshlint-disable-next-line flag-data -- known, tracked elsewhere\n\n  # another comment\n  one: x\n  two: x\n'));
  assert.equal(where(r), ['flag-data 10:8']);
  assert.is(r.suppressed, 1);
});

comments('disable-line covers its own line only; ids may be separated by commas, and each must be used', () => {
  const r = lintText(cm('a', '  one: x # meshlint-disable-line IST0102, flag-data\n  two: x\n'));
  assert.equal(where(r), ['unused-suppression 6:10', 'flag-data 7:8']);
  assert.is(r.diagnostics[0].message, 'meshlint-disable-line comment suppresses nothing for "IST0102"; remove it so it does not hide a future problem');
});

comments('disable … enable covers the lines between; a bare disable covers every rule', () => {
  const text = cm('a', '  one: x\n  # meshlint-disable flag-data\n  two: x\n  three: x\n  # meshlint-enable flag-data\n  four: x\n  # meshlint-disable\n  five: x\n');
  assert.equal(where(lintText(text)), ['flag-data 6:8', 'flag-data 11:9']);
});

comments('disable-file covers the whole file, wherever the comment is', () => {
  const r = lintText(`${cm('a', '  one: x\n')}---\n# meshlint-disable-file flag-data\n${cm('b', '  two: x\n')}`);
  assert.equal(where(r), []);
  assert.is(r.suppressed, 2);
});

comments('an IST or Kiali code works in place of the rule id', () => {
  assert.equal(where(lintText(cm('a', '  one: x # meshlint-disable-line IST0101\n  two: x # meshlint-disable-line KIA0001\n'))), []);
});

comments('a # inside a quoted value is not a comment', () => {
  const r = lintText(cm('a', '  one: "x # meshlint-disable-line flag-data"\n'));
  assert.equal(where(r), ['flag-data 6:8']);
});

comments('an unused comment is a warning at the comment; so is one naming an unknown rule', () => {
  const r = lintText(cm('a', '  one: x\n# meshlint-disable-next-line flag-data\n\n# meshlint-disable-line no-such-rule\n'), {}, 'stale.yaml');
  assert.equal(where(r), ['flag-data 6:8', 'unused-suppression 7:1', 'unused-suppression 9:1']);
  const [, stale, unknown] = r.diagnostics;
  assert.is(stale.severity, 'warning');
  assert.is(stale.location.file, 'stale.yaml');
  assert.is(stale.message, 'meshlint-disable-next-line comment suppresses nothing for "flag-data"; remove it so it does not hide a future problem');
  assert.is(unknown.message, 'meshlint-disable-line comment names unknown rule "no-such-rule"; remove it so it does not hide a future problem');
});

comments.run();

// ---------------------------------------------------------------------------------------------------------
const annotations = suite('suppress: annotations');

annotations('meshlint.io/ignore lists rule ids or codes for the annotated object only', () => {
  const text = `${cm('a', '  one: x\n', '  annotations:\n    meshlint.io/ignore: "other-rule, flag-data"\n')}---\n${cm('b', '  two: x\n')}`;
  assert.equal(where(lintText(text)), ['flag-data 15:8']);
});

annotations("Istio's galley.istio.io/analyze-suppress takes IST codes, or *", () => {
  const text = `${cm('a', '  one: x\n', '  annotations:\n    galley.istio.io/analyze-suppress: "IST0102,IST0101"\n')}---\n${cm('b', '  two: x\n', '  annotations:\n    galley.istio.io/analyze-suppress: "*"\n')}---\n${cm('c', '  three: x\n', '  annotations:\n    galley.istio.io/analyze-suppress: IST0102\n')}`;
  assert.equal(where(lintText(text)), ['flag-data 26:10']);
});

annotations.run();

// ---------------------------------------------------------------------------------------------------------
const flags = suite('suppress: --suppress RULE=Kind ns/name');

const TWO = `${cm('web', '  one: x\n', '  namespace: shop\n')}---\n${cm('db', '  two: x\n', '  namespace: shop\n')}---\n${cm('web', '  three: x\n')}`;

flags('by meshlint id and exact resource', () => {
  assert.equal(where(lintText(TWO, { suppress: ['flag-data=ConfigMap shop/web'] })), ['flag-data 15:8', 'flag-data 22:10']);
});

flags('by IST code, with * in the resource, and the legacy "Kind name.namespace" form', () => {
  assert.equal(where(lintText(TWO, { suppress: ['IST0101=ConfigMap shop/*'] })), ['flag-data 22:10']);
  assert.equal(where(lintText(TWO, { suppress: ['IST0101=ConfigMap web.default'] })), ['flag-data 7:8', 'flag-data 15:8']);
});

flags('* in the rule part', () => {
  assert.equal(where(lintText(TWO, { suppress: ['flag-*=* */web', 'IST01*=ConfigMap shop/db'] })), []);
});

flags('a malformed entry is a configuration error', () => {
  assert.throws(() => lintText(TWO, { suppress: ['flag-data'] }), (e: unknown) => e instanceof ConfigError && /expected RULE=Kind namespace\/name/.test((e as Error).message));
});

flags.run();
