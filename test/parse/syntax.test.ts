import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Diagnostic } from '../../src/core/index.ts';
import { findUnclosed } from '../../src/parse/syntax.ts';
import { parseText } from '../helpers/lint.ts';

const found = (diags: readonly Diagnostic[]) => diags.map((d) => `${d.ruleId} ${d.location.range.start.line}:${d.location.range.start.column}`);
const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

// ---------------------------------------------------------------------------------------------------------
const syntax = suite('parse: YAML syntax errors');

syntax('an error is reported at its line and column, and the other documents of the file are still read', () => {
  const { resources, diagnostics } = parseText(`${cm('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n   extra: 1\n---\n${cm('c')}`);
  assert.equal(resources.map((r) => r.name), ['a', 'c']);
  assert.equal(found(diagnostics), ['yaml-syntax 10:9']);
  assert.is(diagnostics[0].message, 'YAML syntax error: bad indentation of a mapping entry (keys of one mapping must start in the same column)');
  assert.is(diagnostics[0].severity, 'error');
});

syntax('an unclosed flow sequence is reported where it opens', () => {
  const { resources, diagnostics } = parseText(`${cm('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n---\n${cm('c')}`);
  assert.equal(resources.map((r) => r.name), ['a', 'c']);
  assert.equal(found(diagnostics), ['yaml-syntax 9:9']);
  // The documents around the broken one keep exact positions.
  assert.equal(resources.map((r) => r.locate('/metadata/name').range.start.line), [4, 14]);
  assert.is(diagnostics[0].message, 'YAML syntax error: the "[" at line 9, column 9 is never closed (the parser stopped at line 10, column 1: deficient indentation)');
});

syntax('an unclosed flow mapping, also in JSON, is reported where it opens', () => {
  const yaml = parseText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {a: "1",\n  b: "2"\n');
  assert.equal(found(yaml.diagnostics), ['yaml-syntax 4:7']);
  const json = parseText('{"apiVersion": "v1", "kind": "ConfigMap",\n "metadata": {"name": "a"},\n "data": {"x": "y"}\n', 'cm.json');
  assert.equal(found(json.diagnostics), ['yaml-syntax 1:1']);
  assert.match(json.diagnostics[0].message, /^YAML syntax error: the "\{" at line 1, column 1 is never closed \(the parser stopped at line 4, column 1: unexpected end of the stream within a flow collection\)$/);
});

syntax('an unclosed quote is reported where it opens', () => {
  const { diagnostics } = parseText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "b\ndata:\n  x: y\n');
  assert.equal(found(diagnostics), ['yaml-syntax 4:9']);
  assert.is(diagnostics[0].message, 'YAML syntax error: the string opened by " at line 4, column 9 is never closed (the parser stopped at line 5, column 1: deficient indentation)');
});

syntax('a tab in indentation is reported at that line', () => {
  const { diagnostics } = parseText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: b\n');
  assert.equal(found(diagnostics), ['yaml-syntax 4:1']);
  assert.is(diagnostics[0].message, 'YAML syntax error: tab characters must not be used in indentation (indent with spaces)');
});

syntax('a tab inside a flow collection, which the YAML reader refuses, is named as the cause', () => {
  const { diagnostics } = parseText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name:\ta}\n');
  assert.equal(found(diagnostics), ['yaml-syntax 3:18']);
  assert.is(diagnostics[0].message, 'YAML syntax error: tab character on a line with a flow collection ([…] or {…}); use spaces');
});

syntax('a broken document in CRLF text keeps its line and column', () => {
  const { diagnostics } = parseText(`${cm('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n   extra: 1\n`.replace(/\n/g, '\r\n'));
  assert.equal(found(diagnostics), ['yaml-syntax 10:9']);
});

syntax.run();

// ---------------------------------------------------------------------------------------------------------
const scan = suite('parse: finding what was left open');

const open = (text: string) => {
  const o = findUnclosed(text, 0, text.length);
  return o && `${o.char}@${o.offset}`;
};

scan('quotes and brackets in values, comments and block scalars do not count', () => {
  assert.is(open('a: "x [ { y"\nb: it\'s [fine]\nc: d # an open [ in a comment\ne: |\n  {"json": [\n  still inside\nf: a:b-[c\n'), undefined);
  assert.is(open("a: 'it''s'\nb: [x, 'y]'"), '[@14');
  assert.is(open('a: {b: [c, d], e: "f\\"g'), '"@18');
  assert.is(open('- [a, {b: c}\n- x'), '[@2');
});

scan.run();

// ---------------------------------------------------------------------------------------------------------
const keys = suite('parse: duplicate keys');

keys('a repeated key is reported at the second occurrence; the last value wins, as in kubectl', () => {
  const { resources, diagnostics } = parseText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {app: v1, app: v2}\n  name: b\n');
  assert.equal(found(diagnostics), ['duplicate-key 5:21', 'duplicate-key 6:3']);
  assert.is(diagnostics[1].message, 'Duplicate key "name": the API server rejects it (strict field validation); otherwise the last value wins');
  assert.is(resources[0].name, 'b');
  assert.equal(resources[0].labels, { app: 'v2' });
});

keys.run();

// ---------------------------------------------------------------------------------------------------------
const limits = suite('parse: alias bombs and deep nesting');

// Ten levels of ten aliases: 10^10 nodes if expanded. Without the limit this test would never finish.
const BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat('bcdefghij'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(',')}]`))
  .join('\n');

limits('a billion-laughs document is skipped with one diagnostic; the next document is read', () => {
  const { resources, diagnostics } = parseText(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\n${BOMB}\n---\n${cm('ok')}`);
  assert.equal(resources.map((r) => r.name), ['ok']);
  assert.equal(found(diagnostics), ['alias-limit 9:8']);
  assert.is(diagnostics[0].message, 'Aliases expand this document to more than 200000 nodes (a "billion laughs" pattern); the document was skipped');
});

limits('an alias bomb used as a mapping key is not expanded either', () => {
  const { diagnostics } = parseText(`${BOMB}\n? *j\n: x\n`);
  assert.equal(diagnostics.map((d) => d.ruleId).sort(), ['alias-limit', 'yaml-syntax']);
});

limits('nesting beyond 200 levels is a diagnostic, not a stack overflow; 150 levels are fine', () => {
  const deep = parseText(`${cm('deep')}data: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n---\n${cm('next')}`);
  assert.equal(deep.resources.map((r) => r.name), ['next']);
  assert.equal(found(deep.diagnostics), ['yaml-syntax 5:206']);
  assert.is(deep.diagnostics[0].message, 'YAML nesting is deeper than 200 levels; the document was skipped');
  const fine = parseText(`${cm('fine')}spec: ${'{a: '.repeat(150)}1${'}'.repeat(150)}\n`);
  assert.equal(fine.diagnostics, []);
  const pointer = '/spec' + '/a'.repeat(150);
  assert.is(fine.resources[0].locate(pointer).range.start.column, 7 + 4 * 150);
});

limits.run();
