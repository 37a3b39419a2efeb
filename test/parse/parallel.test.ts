// Big inputs are parsed with a worker thread's help (src/parse/parallel.ts); the results must be exactly those of
// parsing on one thread, whichever thread parsed which block.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { SourceFile } from '../../src/core/index.ts';
import { loadSources } from '../../src/load/index.ts';
import { parseSources } from '../../src/parse/index.ts';
import { parsePacked } from '../../src/parse/events.ts';
import { ParallelParse } from '../../src/parse/parallel.ts';
import { ROOT } from '../helpers/lint.ts';

/** Everything a parse yields that later stages read, positions included. */
function snapshot(files: SourceFile[], parallel: boolean) {
  const r = parseSources(files, { parallel });
  return {
    resources: r.resources.map((x) => ({ key: x.key, file: x.file, doc: x.docIndex, item: x.itemIndex, object: x.object, implicit: x.implicitScalars, at: x.location().range, spec: x.locate('/spec').range })),
    diagnostics: r.diagnostics.map((d) => `${d.ruleId} ${d.location.file}:${d.location.range.start.line}:${d.location.range.start.column} ${d.message}`),
    skipped: r.skipped,
  };
}

const fixtures = () => loadSources(['fixtures'], { cwd: ROOT }).files;

test('every fixture parses the same with the worker as without', () => {
  const files = fixtures();
  assert.ok(files.length > 100);
  assert.equal(snapshot(files, true), snapshot(files, false));
});

test('a big file of many documents, with a broken document and YAML oddities, parses the same with the worker', () => {
  const docs: string[] = [];
  for (let i = 0; i < 16000; i++) {
    docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c-${i}\n  namespace: ns-${i % 9}\ndata:\n  mode: 0755\n  flag: on\n  anchor: &a${i} {x: "${'é'.repeat(i % 3)}"}\n  again: *a${i}\n`);
  }
  docs[7000] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n';
  docs[9000] = docs[9000] + '  mode: again\n';
  const big = docs.join('---\n');
  assert.ok(big.length > 2 * 1024 * 1024);
  const files: SourceFile[] = [
    { path: 'big.yaml', absPath: '/big.yaml', text: big },
    ...fixtures().slice(0, 50),
    { path: 'crlf.yaml', absPath: '/crlf.yaml', text: docs.slice(0, 3000).join('---\n').replace(/\n/g, '\r\n') },
  ];
  const one = snapshot(files, false);
  assert.ok(one.diagnostics.some((d) => d.startsWith('yaml-syntax big.yaml')), one.diagnostics.join('\n'));
  assert.ok(one.diagnostics.some((d) => d.startsWith('duplicate-key big.yaml')), one.diagnostics.join('\n'));
  assert.equal(snapshot(files, true), one);
});

test('many small files: results in input order', () => {
  const files: SourceFile[] = [];
  for (let i = 0; i < 3000; i++) files.push({ path: `f${i}.yaml`, absPath: `/f${i}.yaml`, text: `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\nspec:\n  ports: [{port: ${i}}]\n${i % 500 === 7 ? 'bad: [\n' : ''}` });
  const r = snapshot(files, true);
  assert.equal(r, snapshot(files, false));
  assert.is(r.resources.length, 3000 - 6);
  assert.equal(r.resources.slice(0, 3).map((x) => x.key), ['/Service/default/s0', '/Service/default/s1', '/Service/default/s2']);
});

test('the worker parses the blocks it gets to first, and a text it cannot parse is reported as such', async () => {
  const texts = Array.from({ length: 400 }, (_, i) => (i === 123 ? 'a: [' : `n: ${i}\nlist: [${'x, '.repeat(i % 20)}y]\n`.repeat(50)));
  const p = new ParallelParse(texts);
  // This thread takes nothing until asked: give the worker time to parse every block.
  const until = Date.now() + 60_000;
  while (Date.now() < until && p.received < Math.min(p.blockCount, 32)) await new Promise((r) => setTimeout(r, 20));
  try {
    for (let i = 0; i < texts.length; i++) {
      const ev = p.next();
      if (i === 123) assert.is(ev, undefined);
      else assert.equal(ev, parsePacked(texts[i]), `text ${i}`);
    }
    assert.ok(p.fromWorker >= Math.min(p.blockCount, 32), `${p.fromWorker} of ${p.blockCount}`);
  } finally {
    p.close();
  }
});

test.run();

test('onResources hands over every resource once, in order, in batches at file boundaries', () => {
  const files = fixtures();
  const many: SourceFile[] = [];
  for (let copy = 0; copy < 12; copy++) for (const f of files) many.push({ ...f, path: `${copy}/${f.path}`, absPath: `/${copy}${f.absPath}` });
  const batches: number[] = [];
  const seen: unknown[] = [];
  const result = parseSources(many, {
    onResources: (batch) => {
      batches.push(batch.length);
      seen.push(...batch);
    },
  });
  assert.ok(result.resources.length > 8192, String(result.resources.length));
  assert.ok(batches.length >= 2, batches.join(','));
  assert.ok(batches.slice(0, -1).every((n) => n >= 4096), batches.join(','));
  assert.equal(seen.length, result.resources.length);
  assert.ok(seen.every((r, i) => r === result.resources[i]));
});
