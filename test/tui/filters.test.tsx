import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { KEY, open, rows } from './render.tsx';
import { reportData } from './data.ts';

const done = () => ({ result: { report: reportData() } });
/** The position column of each finding row, e.g. ['12:11', '13:17']. */
const positions = (frame: string) => rows(frame).flatMap((l) => /^[› ] +(\d+:\d+) /.exec(l)?.[1] ?? []);

const Filters = suite('tui: filters');

Filters('s cycles the severity filter: error, warning, info, all', async () => {
  const s = open(done());
  let frame = await s.press('s');
  assert.is(rows(frame)[1], 'Findings  2 of 4 findings · severity=error');
  assert.equal(positions(frame), ['12:11', '13:17']);
  frame = await s.press('s');
  assert.is(rows(frame)[1], 'Findings  1 of 4 findings · severity=warning');
  assert.equal(positions(frame), ['14:15']);
  frame = await s.press('s');
  assert.equal(positions(frame), ['18:15']);
  frame = await s.press('s');
  assert.is(rows(frame)[1], 'Findings  4 findings');
  s.unmount();
});

Filters('f opens the picker; Enter on a rule filters by it; c clears', async () => {
  const s = open(done());
  let frame = rows(await s.press('f'));
  assert.equal(frame.slice(1, 8), [
    'Filter',
    'Filter by [rule]  namespace   kind    tab/←→ switch · enter choose · esc close',
    '',
    '› ● (any)',
    '  ○ vs-route-weights                                                       2',
    '  ○ subset-not-found                                                       1',
    '  ○ yaml-syntax                                                            1',
  ]);
  frame = rows(await s.press('j', 'j', KEY.enter));
  assert.is(frame[1], 'Findings  1 of 4 findings · rule=subset-not-found');
  assert.equal(positions(frame.join('\n')), ['13:17']);
  frame = rows(await s.press('f'));
  assert.is(frame[6], '  ● subset-not-found                                                       1', 'the picker marks the active value');
  frame = rows(await s.press(KEY.escape, 'c'));
  assert.is(frame[1], 'Findings  4 findings');
  s.unmount();
});

Filters('the picker filters by namespace and by kind (Tab switches facet)', async () => {
  const s = open(done());
  let frame = rows(await s.press('f', KEY.tab));
  assert.equal(frame.slice(4, 7), ['› ● (any)', '  ○ bookinfo                                                               3', '  ○ (none)                                                                 1']);
  frame = rows(await s.press('j', 'j', KEY.enter));
  assert.is(frame[1], 'Findings  1 of 4 findings · namespace=(none)');
  assert.equal(positions(frame.join('\n')), ['12:11']);
  frame = rows(await s.press('f', KEY.tab));
  assert.is(frame[2], 'Filter by  rule   namespace  [kind]   tab/←→ switch · enter choose · esc close');
  frame = rows(await s.press('j', KEY.enter));
  assert.is(frame[1], 'Findings  0 of 4 findings · namespace=(none) kind=VirtualService', 'filters combine');
  assert.is(frame[2], 'No findings match the filters  (c clears them, / edits the search)');
  frame = rows(await s.press('f', 'h', KEY.enter));
  assert.is(frame[1], 'Findings  3 of 4 findings · kind=VirtualService', '(any) clears the facet');
  s.unmount();
});

Filters('/ searches messages, rules, files and resources as you type; Esc restores, Enter keeps', async () => {
  const s = open(done());
  let frame = rows(await s.press('/', 'w', 'e', 'i', 'g', 'h', 't'));
  assert.is(frame[22], '/weight█   enter keep · esc cancel');
  assert.is(frame[1], 'Findings  2 of 4 findings · /weight');
  assert.equal(positions(frame.join('\n')), ['14:15', '18:15']);
  frame = rows(await s.press(KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, 'g', 'a', 't', 'e', 'w', 'a', 'y'));
  assert.equal(positions(frame.join('\n')), ['12:11'], 'file names match too');
  frame = rows(await s.press(KEY.escape));
  assert.is(frame[1], 'Findings  4 findings');
  frame = rows(await s.press('/', 'q', 'q', KEY.enter));
  assert.is(s.quits, 0, 'q is text while searching');
  assert.is(frame[1], 'Findings  0 of 4 findings · /qq');
  assert.is(frame[22].slice(0, 8), '↑↓ move ');
  frame = rows(await s.press('/', KEY.backspace, KEY.backspace, 'b', 'o', 'o', 'k', 'i', 'n', 'f', 'o', '/', 'r', 'e', 'v', KEY.enter));
  assert.is(frame[1], 'Findings  3 of 4 findings · /bookinfo/rev', 'resources match as Kind namespace/name');
  s.unmount();
});

Filters('keys typed in one burst are applied one by one', async () => {
  const s = open(done());
  const frame = rows(await s.press('/subset\r'));
  assert.is(frame[1], 'Findings  1 of 4 findings · /subset');
  assert.is(rows(await s.press('jj\r'))[1], 'Finding 1 of 1  lines 1–20 of 26 · /subset');
  s.unmount();
});

Filters.run();

const Help = suite('tui: help');

Help('? lists the keys; any key closes it', async () => {
  const s = open(done());
  let frame = rows(await s.press('?'));
  assert.is(frame[1], 'Help');
  assert.is(frame[2], 'Keys  (any key closes this)');
  assert.ok(frame.some((l) => l.startsWith('  f           filter by rule, namespace or kind')));
  assert.ok(frame.some((l) => l.startsWith('  q           quit (exit code as without the terminal UI)')));
  frame = rows(await s.press('x'));
  assert.is(frame[1], 'Findings  4 findings');
  s.unmount();
});

Help.run();
