import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { KEY, open, rows } from './render.tsx';
import { reportData } from './data.ts';

const done = () => ({ result: { report: reportData() } });

const Progress = suite('tui: live progress');

Progress('shows the current stage and what has been counted', () => {
  const s = open({ progress: { stage: 'parse', files: 3, resources: 0 } });
  assert.equal(rows(s.frame()).slice(0, 9), [
    'meshlint · linting mesh/',
    '',
    '  ✔ Reading files',
    '  ▸ Parsing YAML…',
    '  · Building the mesh graph',
    '  · Running rules',
    '',
    '  3 files · 0 resources',
    '',
  ]);
  s.rerender({ progress: { stage: 'rules', files: 3, resources: 7 } });
  assert.ok(s.frame().includes('  ✔ Building the mesh graph\n  ▸ Running rules…'));
  assert.ok(s.frame().includes('  3 files · 7 resources'));
  s.unmount();
});

Progress('a re-run keeps the findings on screen and names its stage in the header', async () => {
  const s = open(done());
  await s.press('r');
  assert.is(s.reruns, 1);
  s.rerender({ ...done(), progress: { stage: 'graph', files: 3, resources: 3 } });
  assert.ok(rows(s.frame())[0].startsWith('⟳ Building the mesh graph…  ✖ 2 errors'), rows(s.frame())[0]);
  assert.ok(s.frame().includes('Subset "v3" is not defined'));
  s.unmount();
});

Progress.run();

const List = suite('tui: summary header and findings list');

List('groups findings under their file, first one selected, in 80x24', () => {
  const s = open(done());
  const frame = rows(s.frame());
  assert.equal(frame.slice(0, 8), [
    'meshlint  ✖ 2 errors  ⚠ 1 warning  ℹ 1 info · 3 files · 3 resources · 12 ms',
    'Findings  4 findings',
    'mesh/gateway.yaml  1 finding',
    '›  12:11   error    Unexpected end of the flow sequence         yaml-syntax',
    'mesh/reviews-vs.yaml  3 findings',
    '   13:17   error    Subset "v3" is not defined in Destination…  subset-not-found',
    '   14:15   warning  Route weights add up to 110, not 100        vs-route-weights',
    '   18:15   info     Weight 50 is given as a share of 110        vs-route-weights',
  ]);
  assert.is(frame.length, 23, 'one row short of the terminal, so ink never clears the screen');
  assert.ok(frame.every((l) => l.length <= 80), 'no line wider than 80 columns');
  assert.is(frame[22], '↑↓ move  ⏎ open  / search  s severity  f filter  m mesh  r rerun  ? help  q quit');
  s.unmount();
});

List('j, k, arrows, G and g move the selection over findings, never onto file headers', async () => {
  const s = open(done());
  const selected = () => rows(s.frame()).find((l) => l.startsWith('›'));
  await s.press('j');
  assert.match(selected()!, /13:17 +error +Subset "v3"/);
  await s.press(KEY.down);
  assert.match(selected()!, /14:15 +warning/);
  await s.press('G');
  assert.match(selected()!, /18:15 +info/);
  await s.press('j');
  assert.match(selected()!, /18:15 +info/, 'stays on the last finding');
  await s.press('k', KEY.up);
  assert.match(selected()!, /13:17/);
  await s.press('g');
  assert.match(selected()!, /12:11 +error +Unexpected end/);
  s.unmount();
});

List('q and Esc quit; r asks for a re-run', async () => {
  const s = open(done());
  await s.press('q');
  assert.is(s.quits, 1);
  await s.press(KEY.escape);
  assert.is(s.quits, 2);
  await s.press('r');
  assert.is(s.reruns, 1);
  s.unmount();
});

List('says so when there is nothing to show', () => {
  const s = open({ result: { report: reportData([]) } });
  assert.is(rows(s.frame())[2], '✔ No problems found');
  s.unmount();
});

List.run();

const Detail = suite('tui: finding detail');

Detail('Enter opens the code frame with the node highlighted, the fix, the rule and related locations', async () => {
  const s = open(done(), { columns: 80, rows: 40 });
  const frame = rows(await s.press('j', KEY.enter));
  assert.is(frame[1], 'Finding 2 of 4');
  assert.equal(frame.slice(2, 12), [
    'ERROR  subset-not-found  IST0101 · KIA1107',
    'Subset "v3" is not defined in DestinationRule bookinfo/reviews',
    'VirtualService bookinfo/reviews · mesh/reviews-vs.yaml:13:17',
    '',
    '    11 │     - destination:',
    '    12 │         host: reviews',
    '  > 13 │         subset: v3',
    '       │                 ^^',
    '    14 │       weight: 60',
    '    15 │     - destination:',
  ]);
  const rest = frame.slice(12).join('\n');
  assert.ok(rest.includes('Fix: Add subset "v3" to DestinationRule bookinfo/reviews'));
  assert.ok(rest.includes('Rule subset-not-found (correctness, default error)\n  A route names a subset that no DestinationRule defines.\n  Envoy has no cluster'));
  assert.ok(rest.includes('How to fix: Define the subset in the DestinationRule of the host.'));
  assert.ok(rest.includes('Related locations (1)\n↳ DestinationRule bookinfo/reviews defines v1\n  DestinationRule bookinfo/reviews · mesh/reviews-dr.yaml:8:3\n      7 │   host: reviews\n    > 8 │   subsets:\n        │   ^^^^^^^\n      9 │   - name: v1'), rest);
  s.unmount();
});

Detail('a long detail scrolls, n/p step through findings, Esc goes back to the list', async () => {
  const s = open(done());
  let frame = rows(await s.press('j', KEY.enter));
  assert.is(frame[1], 'Finding 2 of 4  lines 1–20 of 26');
  frame = rows(await s.press('j', 'j'));
  assert.is(frame[1], 'Finding 2 of 4  lines 3–22 of 26');
  assert.is(frame[2], 'VirtualService bookinfo/reviews · mesh/reviews-vs.yaml:13:17');
  frame = rows(await s.press('G'));
  assert.is(frame[1], 'Finding 2 of 4  lines 7–26 of 26');
  frame = rows(await s.press('n'));
  assert.is(frame[1], 'Finding 3 of 4');
  assert.is(frame[2], 'WARNING  vs-route-weights');
  frame = rows(await s.press('p', 'p'));
  assert.is(frame[2], 'ERROR  yaml-syntax');
  frame = rows(await s.press(KEY.escape));
  assert.is(frame[1], 'Findings  4 findings');
  assert.match(frame[3], /^› +12:11/);
  s.unmount();
});

Detail.run();
