import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseText } from '../helpers/lint.ts';

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
