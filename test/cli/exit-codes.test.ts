import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { REPORTERS } from '../../src/report/index.ts';
import { runCli } from '../helpers/cli.ts';

// fixtures/cli/exit/<worst>.yaml: findings whose worst severity is the file name (clean has none). The objects
// are ConfigMaps and plain values so that no mesh rule, present or future, adds findings of its own.
const CASES = ['clean', 'info', 'warning', 'error'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
const RANK = { clean: 3, error: 0, warning: 1, info: 2 } as const;

const expected = (worst: (typeof CASES)[number], failOn: (typeof FAIL_ON)[number]) =>
  failOn === 'never' || worst === 'clean' ? 0 : RANK[worst] <= RANK[failOn] ? 1 : 0;

const codes = suite('exit codes: 0/1 by --fail-on, the same for every format');

codes('the fixtures hold what their names say', async () => {
  const rules: Record<string, string[]> = {};
  for (const c of CASES) {
    const out = JSON.parse((await runCli(['--no-config', '-f', 'json', `fixtures/cli/exit/${c}.yaml`])).stdout);
    rules[c] = out.diagnostics.map((d: any) => `${d.rule} ${d.severity}`);
  }
  assert.equal(rules, { clean: [], info: ['not-a-manifest info'], warning: ['unused-suppression warning'], error: ['duplicate-key error'] });
});

for (const format of ['auto', ...Object.keys(REPORTERS)]) {
  codes(`format ${format}`, async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const c of CASES) {
      for (const failOn of FAIL_ON) {
        const r = await runCli(['--no-config', '-f', format, '--fail-on', failOn, `fixtures/cli/exit/${c}.yaml`]);
        got.push(`${c} --fail-on ${failOn}: ${r.code}`);
        want.push(`${c} --fail-on ${failOn}: ${expected(c, failOn)}`);
        assert.is(r.stderr, '', `${format} ${c} ${failOn} wrote to stderr`);
      }
    }
    assert.equal(got, want);
  });
}

codes('the default threshold is error', async () => {
  assert.is((await runCli(['--no-config', 'fixtures/cli/exit/warning.yaml'])).code, 0);
  assert.is((await runCli(['--no-config', 'fixtures/cli/exit/error.yaml'])).code, 1);
});

codes('several outputs at once do not change the exit code', async () => {
  const r = await runCli(['--no-config', '-f', 'compact', '-f', 'json', 'fixtures/cli/exit/error.yaml', 'fixtures/cli/exit/clean.yaml']);
  assert.is(r.code, 1);
  assert.match(r.stdout, /error\.yaml: line 5, col 3, Error - Duplicate key "name"/);
  assert.match(r.stdout, /"rule": "duplicate-key"/);
});

codes.run();

// ---------------------------------------------------------------------------------------------------------
const two = suite('exit code 2: usage, configuration and input problems');

const fails = async (argv: string[], stderr: RegExp, opts = {}) => {
  const r = await runCli(argv, opts);
  assert.is(r.code, 2, `${argv.join(' ')} exits ${r.code}: ${r.stderr}`);
  assert.match(r.stderr, stderr);
  assert.is(r.stdout, '');
};

two('a path that does not exist', async () => {
  await fails(['--no-config', 'fixtures/cli/exit/clean.yaml', 'no/such/dir'], /^meshlint: no such file or directory: no\/such\/dir\n$/);
});

two('nothing to lint: a directory without manifests', async () => {
  await fails(['--no-config', 'test/helpers'], /^meshlint: no YAML or JSON files found in test\/helpers \(looked for \*\.yaml, \*\.yml, \*\.json\)\n$/);
});

two('bad flags and values', async () => {
  await fails(['--no-config', '--fail-on', 'sometimes', '.'], /--fail-on sometimes: expected error, warning, info, never/);
  await fails(['--no-config', '-f', 'xml', '.'], /unknown format "xml" \(expected auto, tui, stylish, compact, json, sarif, github\)/);
  await fails(['--no-config', '--bogus'], /Unknown option '--bogus'[\s\S]*Run 'meshlint --help' for usage\./);
  await fails(['--no-config', '--max-file-size', 'big', '.'], /--max-file-size big: expected a size such as 16MiB/);
  await fails(['--no-config', '--rule', 'vs-route-weight=off', '.'], /--rule vs-route-weight=off: unknown rule "vs-route-weight"; did you mean "vs-route-weights"\?/);
  await fails(['--no-config', '--rule', 'vs-route-weights=loud', '.'], /"loud" is not a level/);
  await fails(['--no-config', '--suppress', 'vs-route-weights', '.'], /--suppress: "vs-route-weights" is not RULE=Kind namespace\/name/);
  await fails(['--no-config', '--suppress', 'vs-route-weight=VirtualService a/b', '.'], /--suppress: unknown rule "vs-route-weight"/);
});

two('an output file that cannot be written', async () => {
  await fails(['--no-config', '-f', 'json', '-o', '/nonexistent-dir/out.json', 'fixtures/cli/exit/clean.yaml'], /^meshlint: cannot open \/nonexistent-dir\/out\.json: ENOENT\n$/);
});

two('a file named on the command line but ignored is skipped with a note, not an error', async () => {
  const r = await runCli(['--no-config', '--ignore-pattern', 'exit', '-f', 'json', 'fixtures/cli/exit/error.yaml']);
  assert.is(r.code, 0);
  assert.is(r.stderr, 'meshlint: fixtures/cli/exit/error.yaml is skipped by an ignore pattern\n');
  assert.equal(JSON.parse(r.stdout).diagnostics, []);
});

two.run();
