import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { githubSummary, render, REPORTERS } from '../../src/report/index.ts';
import { HOSTILE, RAW_CONTROL, reportData, reportEnv } from '../helpers/report-data.ts';

// The fixed result carries ESC sequences, a C1 CSI (U+009B), U+2028 and a newline in a message, and an
// OSC title sequence with BEL in a source line that stylish prints as a code frame.
const s = suite('escaping: no raw control characters from scanned files in any format');

const SGR = /\u001b\[\d+m/g;

for (const format of Object.keys(REPORTERS)) {
  s(`${format}`, () => {
    const out = render(format, reportData(), reportEnv());
    const bad = RAW_CONTROL.exec(out);
    assert.not.ok(bad, `raw U+${bad?.[0].charCodeAt(0).toString(16).padStart(4, '0')} in ${format} output`);
  });
}

s('stylish with colour on: only our own SGR sequences', () => {
  const out = render('stylish', reportData(), reportEnv({ color: true })).replace(SGR, '');
  assert.not.ok(RAW_CONTROL.test(out));
});

s('github job summary', () => {
  assert.not.ok(RAW_CONTROL.test(githubSummary(reportData(), reportEnv())));
});

s('a file name with a newline and ESC cannot forge lines in any format', () => {
  const [d] = reportData().diagnostics;
  const evil = { ...d, location: { ...d.location, file: 'mesh/evil\n::error::forged\u001b[2J.yaml' } };
  const data = reportData([evil, { ...d, related: [{ message: 'see', location: evil.location }] }]);
  for (const format of Object.keys(REPORTERS)) {
    const out = render(format, data, reportEnv({ color: format === 'stylish' })).replace(SGR, '');
    assert.not.ok(RAW_CONTROL.test(out), `${format}: raw control character`);
    assert.not.ok(out.split('\n').some((l) => l.startsWith('::error::forged')), `${format}: forged line`);
  }
  assert.not.ok(RAW_CONTROL.test(githubSummary(data, reportEnv())));
});

s('the escapes stay readable in the text formats', () => {
  const out = render('compact', reportData(), reportEnv());
  assert.ok(out.includes('Caller "ratings\\x1b[2J" has no sidecar and is refused by STRICT mTLS\\n::error::forged \\x9b31m\\u2028'));
  assert.ok(render('stylish', reportData(), reportEnv()).includes('> 7 |   mtls: # \\x1b[2J\\x1b]0;owned\\x07'));
});

s('json keeps the exact message text, escaped as JSON', () => {
  const out = render('json', reportData(), reportEnv());
  assert.ok(out.includes('\\u001b[2J') && out.includes('\\u009b31m') && out.includes('\\u2028'));
  assert.is(JSON.parse(out).diagnostics[2].message, HOSTILE);
});

s.run();
