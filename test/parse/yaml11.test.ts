import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseText } from '../helpers/lint.ts';

const values = suite('parse: values as kubectl reads them (YAML 1.1)');

const data = (body: string) => parseText(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n${body}`).resources[0].object.data;

values('unquoted yes/no/on/off/y/n in any case style are booleans; true/false too', () => {
  assert.equal(data('  a: yes\n  b: NO\n  c: on\n  d: Off\n  e: y\n  f: N\n  g: true\n  h: FALSE\n'), { a: true, b: false, c: true, d: false, e: true, f: false, g: true, h: false });
});

values('leading-zero integers are octal; hex, binary, underscores and floats as in go-yaml v2', () => {
  assert.equal(data('  a: 0777\n  b: 0x1F\n  c: 0b101\n  d: 1_000\n  e: .5\n  f: -012\n  g: 1e3\n  h: 09\n'), { a: 511, b: 31, c: 5, d: 1000, e: 0.5, f: -10, g: 1000, h: 9 });
});

values('quoted or !!str-tagged values stay strings; ~ and null are null', () => {
  assert.equal(data('  a: "on"\n  b: \'0777\'\n  c: !!str yes\n  d: ~\n  e: null\n  f: !!int "12"\n'), { a: 'on', b: '0777', c: 'yes', d: null, e: null, f: 12 });
});

values('the surprising plain scalars are recorded with their pointer, text and value', () => {
  const r = parseText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {canary: on, tier: "on"}\ndata:\n  mode: 0644\n  ok: true\n').resources[0];
  assert.equal(r.implicitScalars, [
    { pointer: '/metadata/labels/canary', source: 'on', value: true },
    { pointer: '/data/mode', source: '0644', value: 420 },
  ]);
});

values('in a List, each item carries its own surprises, with pointers inside the item', () => {
  const { resources } = parseText('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b, labels: {canary: yes}}\n');
  assert.equal(resources.map((r) => r.implicitScalars), [undefined, [{ pointer: '/metadata/labels/canary', source: 'yes', value: true }]]);
  const loc = resources[1].locate('/metadata/labels/canary').range.start;
  assert.is(`${loc.line}:${loc.column}`, '9:40');
});

values.run();

const merge = suite('parse: merge keys (<<)');

merge('<< copies keys from an anchored mapping; explicit keys win; earlier sources win', () => {
  const r = parseText(`apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  labels: &base {app: web, tier: front}
  annotations:
    <<: [*base, {tier: back, team: blue}]
    app: override
`).resources[0];
  assert.equal(r.object.metadata.annotations, { app: 'override', tier: 'front', team: 'blue' });
  assert.equal(r.labels, { app: 'web', tier: 'front' });
  // A merged field has no node of its own: it is located at the mapping that receives it.
  const loc = r.locate('/metadata/annotations/team').range.start;
  assert.is(`${loc.line}:${loc.column}`, '6:3');
});

merge.run();
