import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { frameLines } from '../../src/report/tui/lines.ts';
import { applyFilters, groupByFile, scrollTo } from '../../src/report/tui/model.ts';
import { themeFor } from '../../src/report/tui/theme.ts';
import { KEY, open, rows } from './render.tsx';
import { DIAGNOSTICS, at, manyFindings, reportData, SOURCES } from './data.ts';

const Big = suite('tui: 5,000 findings');

Big('renders only the rows that fit, and one frame per key press', async () => {
  const report = manyFindings(5000);
  const s = open({ result: { report } });
  let frame = rows(s.frame());
  assert.is(frame.length, 23);
  assert.is(frame[0], '✖ 1667 errors  ⚠ 1667 warnings  ℹ 1666 infos · 2500 files · 3 resources · 12 ms', 'the name gives way to the counts');
  assert.is(frame[1], 'Findings  5000 findings');
  assert.is(frame.filter((l) => /^[› ] +\d+:\d+ /.test(l)).length, 13, 'twenty rows: 13 findings under 7 file headers');
  const before = s.frameCount();
  frame = rows(await s.press('G'));
  assert.is(s.frameCount() - before, 1, 'a key press repaints once');
  assert.match(frame.find((l) => l.startsWith('›'))!, /Finding number 4999/);
  assert.match(frame[21], /^› +4:11 +warning +Finding number 4999 +vs-route-weights$/, 'the last finding sits on the last row');
  frame = rows(await s.press('g', KEY.pageDown));
  assert.match(frame.find((l) => l.startsWith('›'))!, /Finding number 20\b/);
  s.unmount();
});

Big('filtering 5,000 findings keeps the list windowed', async () => {
  const s = open({ result: { report: manyFindings(5000) } });
  const frame = rows(await s.press('s'));
  assert.is(frame[1], 'Findings  1667 of 5000 findings · severity=error');
  assert.is(frame.length, 23);
  s.unmount();
});

Big.run();

const Size = suite('tui: terminal size');

Size('follows a resize: more rows show more of the list, more columns more of each message', () => {
  const s = open({ result: { report: reportData() } });
  assert.is(rows(s.frame())[5], '   13:17   error    Subset "v3" is not defined in Destination…  subset-not-found');
  s.rerender({ result: { report: reportData() } }, { columns: 120, rows: 40 });
  const frame = rows(s.frame());
  assert.is(frame.length, 39);
  assert.is(frame[5], '   13:17   error    Subset "v3" is not defined in DestinationRule bookinfo/reviews'.padEnd(104) + 'subset-not-found');
  s.unmount();
});

Size('a narrow terminal drops the rule column before the message', () => {
  const s = open({ result: { report: reportData() } }, { columns: 50, rows: 12 });
  const frame = rows(s.frame());
  assert.is(frame.length, 11);
  assert.is(frame[5], '   13:17   error    Subset "v3" is not defined in…');
  assert.ok(frame.every((l) => l.length <= 50));
  s.unmount();
});

Size.run();

const Pure = suite('tui: model and colour');

Pure('without colour the theme uses no colour, only bold, dim and inverse', () => {
  for (const style of Object.values(themeFor(false))) assert.is((style as { color?: string }).color, undefined);
  assert.is(themeFor(true).error.color, 'red');
});

Pure('grouping puts a header before each file and maps findings to rows', () => {
  const g = groupByFile(DIAGNOSTICS);
  assert.equal(g.rows.map((r) => (r.type === 'file' ? `# ${r.file} ${r.count}` : r.index)), ['# mesh/gateway.yaml 1', 0, '# mesh/reviews-vs.yaml 3', 1, 2, 3]);
  assert.equal(g.rowOf, [1, 3, 4, 5]);
});

Pure('scrolling moves the window as little as possible', () => {
  assert.is(scrollTo(0, 5, 10, 100), 0);
  assert.is(scrollTo(0, 12, 10, 100), 3);
  assert.is(scrollTo(20, 12, 10, 100), 12);
  assert.is(scrollTo(95, 99, 10, 100), 90);
});

Pure('filters combine and the unfiltered list is returned as is', () => {
  assert.is(applyFilters(DIAGNOSTICS, { text: '' }), DIAGNOSTICS);
  assert.equal(applyFilters(DIAGNOSTICS, { text: 'WEIGHT', severity: 'info' }).map((d) => d.message), ['Weight 50 is given as a share of 110']);
});

Pure('a code frame escapes control characters and keeps the carets under the node', () => {
  const src = { path: 'x.yaml', absPath: '/x.yaml', text: 'a: 1\nb: "\u001b[2J" \tv3\n' };
  const lines = frameLines(src, { start: { line: 2, column: 12, offset: 16 }, end: { line: 2, column: 14, offset: 18 } }, { context: 0 });
  assert.equal(lines.map((l) => l.map((s) => s.text).join('')), ['  > 2 │ b: "\\x1b[2J"   v3', '      │ ' + ' '.repeat(15) + '^^']);
  assert.is(frameLines(SOURCES[0], at('mesh/reviews-vs.yaml', 'reviews', 1).range).length, 4, 'line before, line, carets, line after');
});

Pure.run();
