import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { wantsColor } from '../../src/report/index.ts';
import { stylish } from '../../src/report/stylish.ts';
import { reportData, reportEnv } from '../helpers/report-data.ts';

const SGR = /\u001b\[\d+m/g;

const want = suite('colour: wantsColor (NO_COLOR, FORCE_COLOR, TERM, TTY)');

want('on for a TTY, off otherwise', () => {
  assert.is(wantsColor({}, true), true);
  assert.is(wantsColor({}, false), false);
});

want('NO_COLOR turns it off when set and not empty (no-color.org)', () => {
  assert.is(wantsColor({ NO_COLOR: '1' }, true), false);
  assert.is(wantsColor({ NO_COLOR: '' }, true), true);
  assert.is(wantsColor({ NO_COLOR: '1', FORCE_COLOR: '1' }, false), false);
});

want('FORCE_COLOR forces it on without a TTY, and 0/false forces it off', () => {
  assert.is(wantsColor({ FORCE_COLOR: '1' }, false), true);
  assert.is(wantsColor({ FORCE_COLOR: '' }, false), true);
  assert.is(wantsColor({ FORCE_COLOR: '0' }, true), false);
  assert.is(wantsColor({ FORCE_COLOR: 'false' }, true), false);
});

want('TERM=dumb turns it off', () => {
  assert.is(wantsColor({ TERM: 'dumb' }, true), false);
  assert.is(wantsColor({ TERM: 'dumb', FORCE_COLOR: '1' }, true), true);
});

want.run();

const sty = suite('colour: stylish');

sty('no escape sequences at all with colour off', () => {
  assert.not.match(stylish(reportData(), reportEnv({ color: false })), '\u001b');
});

sty('colour on paints severities and the summary, and only with SGR sequences', () => {
  const out = stylish(reportData(), reportEnv({ color: true }));
  assert.ok(out.includes('\u001b[31merror  \u001b[39m'), 'red error');
  assert.ok(out.includes('\u001b[33mwarning\u001b[39m'), 'yellow warning');
  assert.ok(out.includes('\u001b[34minfo   \u001b[39m'), 'blue info');
  assert.ok(out.includes('\u001b[1m\u001b[31m✖ 3 problems (1 error, 1 warning, 1 info)\u001b[39m\u001b[22m'), 'bold red summary');
  assert.not.match(out.replace(SGR, ''), '\u001b', 'every ESC left is one of ours');
  assert.is(out.replace(SGR, ''), stylish(reportData(), reportEnv({ color: false })), 'same text either way');
});

sty('ESLint layout: path, then indented line:col severity message rule, then the count line', () => {
  const lines = stylish(reportData(), reportEnv()).split('\n');
  assert.is(lines[0], 'mesh/reviews/vs.yaml');
  assert.match(lines[1], /^ {2}8:5 +info +Short host "reviews" means "reviews\.bookinfo\.svc\.cluster\.local" {2}vs-host-short-name \[VirtualService bookinfo\/reviews\]$/);
  assert.ok(lines.includes('✖ 3 problems (1 error, 1 warning, 1 info) · 3 resources in 3 files'));
});

sty('singular counts and no info count when there is none', () => {
  const one = reportData().diagnostics.filter((d) => d.severity === 'error');
  assert.ok(stylish(reportData([...one]), reportEnv()).includes('✖ 1 problem (1 error, 0 warnings) · 3 resources in 3 files'));
});

sty.run();
