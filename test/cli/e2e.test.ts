import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnCli } from '../helpers/cli.ts';
import { ROOT } from '../helpers/lint.ts';

// `node bin/meshlint.js` as a user runs it: the bundle in dist/, a real process, real exit codes.
const e2e = suite('cli end to end (node bin/meshlint.js)');

e2e('the demo prints findings with exact positions and never exits 2', () => {
  const r = spawnCli(['fixtures/demo']);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  assert.is(r.stderr, '');
  assert.match(r.stdout, /^fixtures\/demo\/reviews\.yaml$/m);
  assert.match(r.stdout, /^ {2}83:15 +warning +Route weights add up to 110, not 100; .* vs-route-weights/m);
  assert.match(r.stdout, /^ {4}> 83 \| {7}weight: 60$/m);
  assert.match(r.stdout, /^✖ \d+ problems? \(\d+ errors?, \d+ warnings?(, \d+ infos?)?\) · \d+ resources in 8 files$/m);
  const json = JSON.parse(spawnCli(['fixtures/demo', '-f', 'json']).stdout);
  const weights = json.diagnostics.filter((d: any) => d.rule === 'vs-route-weights').map((d: any) => `${d.location.file}:${d.location.line}:${d.location.column}-${d.location.endColumn} ${d.location.pointer}`);
  assert.equal(weights, ['fixtures/demo/ratings.yaml:44:15-17 /spec/http/0/route/0/weight', 'fixtures/demo/reviews.yaml:83:15-17 /spec/http/0/route/0/weight']);
});

e2e("standard input with --stdin-filename, in the compact format VS Code's $eslint-compact reads", () => {
  const text = readFileSync(`${ROOT}/fixtures/cli/exit/error.yaml`, 'utf8');
  const r = spawnCli(['--no-config', '-f', 'compact', '--stdin-filename', 'piped.yaml', '-'], { stdin: text });
  assert.is(r.code, 1);
  assert.match(r.stdout, /^.*piped\.yaml: line 5, col 3, Error - Duplicate key "name": .* \(duplicate-key\)$/m);
});

e2e('exit 2 with a message on stderr for a missing path or an empty directory', () => {
  const missing = spawnCli(['--no-config', 'no/such/place']);
  assert.equal([missing.code, missing.stdout, missing.stderr], [2, '', 'meshlint: no such file or directory: no/such/place\n']);
  const empty = spawnCli(['--no-config', 'bin']);
  assert.equal([empty.code, empty.stderr], [2, 'meshlint: no YAML or JSON files found in bin (looked for *.yaml, *.yml, *.json)\n']);
});

e2e('--version, and the same exit code for json and sarif', () => {
  const v = spawnCli(['--version']);
  assert.equal([v.code, v.stdout], [0, `${JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')).version}\n`]);
  for (const format of ['json', 'sarif']) {
    const r = spawnCli(['--no-config', '-f', format, '--fail-on', 'warning', 'fixtures/cli/exit/warning.yaml']);
    assert.is(r.code, 1, format);
  }
});

e2e.run();
