// Locating by indentation (quick-locate.ts) must give exactly what parsing the document again gives
// (locate.ts), for every node of every fixture document it accepts, and for pointers past the existing nodes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSources } from '../../src/load/index.ts';
import { parseSources } from '../../src/parse/index.ts';
import { buildPositions, findNode, type PosNode } from '../../src/parse/locate.ts';
import { quickLocate } from '../../src/parse/quick-locate.ts';
import { DocSpan, ParsedResource } from '../../src/parse/resource.ts';
import type { SourceFile } from '../../src/core/index.ts';
import { ROOT } from '../helpers/lint.ts';

const quick = suite('locating by indentation agrees with parsing again');

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function pointers(node: PosNode, at = '', out: string[] = []): string[] {
  out.push(at, `${at}/absent`, `${at}/99`);
  if (node.map) for (const [k, child] of node.map) pointers(child, `${at}/${escape(k)}`, out);
  if (node.seq) node.seq.forEach((child, i) => pointers(child, `${at}/${i}`, out));
  return out;
}

/** What DocSpan.locate shows, from either reader. */
function shown(text: string, n: Pick<PosNode, 'start' | 'end' | 'keyStart' | 'keyEnd'>, exact: boolean, key: boolean): string {
  if ((key || !exact) && n.keyStart >= 0) return `${n.keyStart}-${n.keyEnd}`;
  const nl = text.indexOf('\n', n.start);
  const end = nl < 0 || nl >= n.end ? n.end : text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
  return `${n.start}-${end}`;
}

function compare(spans: DocSpan[]): { docs: number; accepted: number; checked: number } {
  let accepted = 0;
  let checked = 0;
  for (const span of spans) {
    const text = span.file.text;
    const tree = buildPositions(text, span.start, span.sliceStart, span.sliceEnd);
    if (!tree) continue;
    let any = false;
    for (const p of pointers(tree)) {
      const hit = quickLocate(text, span.start, span.sliceEnd, p);
      if (!hit) continue;
      any = true;
      checked++;
      const { node, exact } = findNode(tree, p);
      for (const key of [false, true]) {
        assert.is(shown(text, hit, hit.exact, key), shown(text, node, exact, key), `${span.file.path} at ${span.start}: ${p}${key ? ' (key)' : ''}`);
      }
    }
    if (any) accepted++;
  }
  return { docs: spans.length, accepted, checked };
}

const spansOf = (files: SourceFile[]) => parseSources(files, { parallel: false }).resources.flatMap((r) => (r instanceof ParsedResource && r.itemIndex === undefined ? [r.docSpan] : []));

quick('every node of every fixture document', () => {
  const { docs, accepted, checked } = compare(spansOf(loadSources(['fixtures'], { cwd: ROOT }).files));
  // Most fixtures are plain block style: the quick reader must take most of them, or it is not worth having.
  assert.ok(docs > 1000, String(docs));
  assert.ok(accepted > docs / 2, `${accepted} of ${docs}`);
  assert.ok(checked > 20000, String(checked));
});

quick('fixture documents with random edits: whatever the parser still reads, both readers agree on', () => {
  let seed = 7;
  const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
  const pieces = [' ', '\n', '  ', ': ', '- ', '#', '"', "'", '{', '}', '[', ']', ',', 'x', '\n  ', '\n- ', ':', '\r\n', '---', '\t'];
  const files: SourceFile[] = [];
  for (let copy = 0; copy < 2; copy++) {
    for (const f of loadSources(['fixtures'], { cwd: ROOT }).files) {
      let text = f.text;
      for (let m = 0; m < 4; m++) {
        const at = rnd(text.length + 1);
        text = rnd(2) ? text.slice(0, at) + pieces[rnd(pieces.length)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + rnd(3));
      }
      files.push({ ...f, text });
    }
  }
  const { accepted, checked } = compare(spansOf(files));
  assert.ok(accepted > 1000 && checked > 20000, `${accepted} documents, ${checked} pointers`);
});

quick('comments, CRLF, quotes, compact sequences, keys with spaces, duplicate keys, empty lines', () => {
  const text = [
    'apiVersion: v1 # trailing',
    'kind: ConfigMap',
    'metadata:',
    '  name: "quoted # not a comment"',
    "  namespace: 'it''s'",
    '',
    '  # a comment line',
    '  labels:',
    '    app  : reviews   ',
    '    app: again',
    'data:',
    '  list:',
    '  - a',
    '  -   b # note',
    '  -',
    '    nested: 1',
    '    more: x',
    '  - key: value',
    '    other: y',
    '  plain key with spaces: url://x:1/y#frag',
    '  flow: {a: "}", b: [1, 2]}  # closed on its line',
    '  hosts: ["*"]',
    '',
  ].join('\r\n');
  const file = { path: 'x.yaml', absPath: '/x.yaml', text };
  const { checked } = compare(spansOf([file]));
  assert.ok(checked > 40, String(checked));
});

quick('what it does not follow is left to the parser', () => {
  const no = (text: string, p = '/a') => assert.is(quickLocate(text, 0, text.length, p), undefined, text);
  no('a: [1, 2]\n', '/a/0');
  no('a: {b: [1]}\n', '/a/b');
  no('a: [1,\n  2]\n');
  no('a: &x 1\nb: *x\n');
  no('a: |\n  text\n');
  no('a: >\n  text\n');
  no('a: !!str 1\n');
  no('? a\n: 1\n');
  no('"a": 1\n', '/a');
  no('a:\tb\n');
  no('x: 1\ra: 2\r');
  no('a: first\n  continued\n');
  no('a: "open\n  close"\n');
  no('a:\nb: 1\n');
  no('- - x\n', '/0');
});

quick.run();
