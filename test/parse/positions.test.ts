import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lint } from '../../src/engine/index.ts';
import { parseText } from '../helpers/lint.ts';
import { removeTree, tempTree } from '../helpers/tmp.ts';

const at = (r: { locate(p: string): { range: { start: { line: number; column: number } } } }, p: string) => {
  const s = r.locate(p).range.start;
  return `${s.line}:${s.column}`;
};

const multi = `# leading comment
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews # trailing comment
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 50
    # a comment between items
    - destination:
        host: reviews
        subset: "v2"
      weight: 50
---
# second document
apiVersion: v1
kind: Service
metadata:
  name: reviews
`;

const positions = suite('parse positions');

positions('multi-document file with comments', () => {
  const { resources, diagnostics } = parseText(multi);
  assert.equal(diagnostics, []);
  assert.is(resources.length, 2);
  const [vs, svc] = resources;
  assert.is(at(vs, '/spec/http/0/route/1/weight'), '16:15');
  assert.is(at(vs, '/spec/http/0/route/0/destination/subset'), '10:44');
  assert.is(at(vs, '/spec/http/0/route/1/destination/subset'), '15:17');
  assert.is(at(vs, '/spec/hosts/0'), '7:11');
  assert.is(at(svc, '/metadata/name'), '22:9');
  assert.is(`${svc.location().range.start.line}`, '19');
});

positions('CRLF line breaks do not shift positions', () => {
  const { resources } = parseText(multi.replace(/\n/g, '\r\n'));
  assert.is(at(resources[0], '/spec/http/0/route/1/weight'), '16:15');
  assert.is(at(resources[1], '/metadata/name'), '22:9');
});

positions('a missing field points at the key of its closest parent', () => {
  const { resources } = parseText(multi);
  const loc = resources[0].locate('/spec/http/0/timeout');
  assert.is(`${loc.range.start.line}:${loc.range.start.column}`, '9:5');
  assert.is(loc.pointer, '/spec/http/0/timeout');
});

positions('tabs inside values count as one column', () => {
  const { resources } = parseText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  x: "a\tb"\n  y: c\n');
  assert.is(at(resources[0], '/data/y'), '6:6');
});

positions.run();

const more = suite('parse positions: other layouts');

more('a UTF-8 byte-order mark (read through load) does not shift columns', () => {
  const root = tempTree({ 'bom.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(multi)]) });
  try {
    const { resources, diagnostics } = lint({ cwd: root, paths: ['bom.yaml'], rules: [] });
    assert.equal(diagnostics, []);
    assert.is(at(resources[0], '/spec/http/0/route/1/weight'), '16:15');
    assert.is(at(resources[0], '/metadata/name'), '5:9');
    assert.is(at(resources[1], '/metadata/name'), '22:9');
  } finally {
    removeTree(root);
  }
});

more('lone CR line breaks count as lines', () => {
  const { resources } = parseText('apiVersion: v1\rkind: ConfigMap\rmetadata:\r  name: a\r');
  assert.is(at(resources[0], '/metadata/name'), '4:9');
});

more('tabs as separators count as one column each', () => {
  const { resources, diagnostics } = parseText('apiVersion: v1\nkind:\tConfigMap\nmetadata:\n  name:\t\ta   \t# c\n');
  assert.equal(diagnostics, []);
  assert.is(at(resources[0], '/kind'), '2:7');
  assert.is(at(resources[0], '/metadata/name'), '4:10');
});

more('JSON documents have positions like YAML ones', () => {
  const json = '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap",\n  "metadata": {"name": "a", "labels": {"x": "y"}},\n  "data": {"k": "v"}\n}\n';
  const { resources } = parseText(json, 'cm.json');
  assert.is(at(resources[0], '/metadata/name'), '4:24');
  assert.is(at(resources[0], '/metadata/labels/x'), '4:45');
  assert.is(at(resources[0], '/data/k'), '5:17');
  assert.is(at(resources[0], '/data/missing'), '5:3'); // the key of the closest parent
});

more('a block scalar is located by its indicator line; ranges end on the first line', () => {
  const { resources } = parseText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  script: |\n    echo hi\n    echo there\n');
  const loc = resources[0].locate('/data/script');
  assert.equal([loc.range.start.line, loc.range.start.column, loc.range.end.line, loc.range.end.column], [6, 11, 6, 12]);
});

more('an alias is located where it is written, and keys through locateKey', () => {
  const { resources } = parseText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: &n a\n  labels: {app: *n}\n');
  assert.is(at(resources[0], '/metadata/labels/app'), '5:17');
  const key = resources[0].locateKey('/metadata/labels').range.start;
  assert.is(`${key.line}:${key.column}`, '5:3');
});

more('empty and comment-only documents are ignored; the document after them keeps its lines', () => {
  const { resources, diagnostics } = parseText('---\n---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n...\n');
  assert.equal(diagnostics, []);
  assert.is(resources.length, 1);
  assert.is(resources[0].location().range.start.line, 5);
  assert.is(at(resources[0], '/metadata/name'), '7:18');
});

more.run();
