import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { USAGE } from '../../src/cli/args.ts';
import { explainRule } from '../../src/cli/rules-command.ts';
import { rules } from '../../rules/index.ts';
import { runCli } from '../helpers/cli.ts';
import { ROOT } from '../helpers/lint.ts';
import { flagData } from '../helpers/probe-rule.ts';

const ids = rules.map((r) => r.id);

// ---------------------------------------------------------------------------------------------------------
const list = suite('cli: meshlint rules');

list('text: one line per rule, in id order, with severity and summary', async () => {
  const r = await runCli(['rules']);
  assert.is(r.code, 0);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.map((l) => l.split(/\s+/)[0]), ids);
  const syntax = lines.find((l) => l.startsWith('yaml-syntax '))!;
  assert.match(syntax, /^yaml-syntax\s+error\s+A document is not valid YAML\.$/);
  assert.match(lines.find((l) => l.startsWith('workload-without-authorizationpolicy '))!, /^workload-without-authorizationpolicy\s+info \(off by default\)\s+A workload in the mesh/);
});

list('--format json: every rule with its metadata', async () => {
  const r = await runCli(['rules', '--format', 'json']);
  const out = JSON.parse(r.stdout);
  assert.equal(out.map((x: any) => x.id), ids);
  assert.equal(out.find((x: any) => x.id === 'yaml-syntax'), { id: 'yaml-syntax', severity: 'error', enabled: true, category: 'input', summary: 'A document is not valid YAML.' });
  assert.equal(out.filter((x: any) => !x.enabled).map((x: any) => x.id), ['workload-without-authorizationpolicy']);
});

list('--format markdown: a table with a row per rule', async () => {
  const r = await runCli(['rules', '-f', 'markdown']);
  const lines = r.stdout.trimEnd().split('\n');
  assert.is(lines[0], '| rule | severity | category | istioctl / Kiali | summary |');
  assert.is(lines.length, 2 + ids.length);
  assert.ok(lines.includes('| `yaml-syntax` | error | input | — | A document is not valid YAML. |'));
  assert.ok(lines.some((l) => l.startsWith('| `workload-without-authorizationpolicy` | info (off by default) | security | KIA1301 |')));
});

list('an unknown format is a usage error', async () => {
  const r = await runCli(['rules', '--format', 'xml']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /meshlint rules: unknown format "xml" \(expected text, markdown or json\)/);
});

list.run();

// ---------------------------------------------------------------------------------------------------------
const explain = suite('cli: meshlint explain');

explain('prints the documentation of a rule with its examples', async () => {
  const r = await runCli(['explain', 'vs-route-weights']);
  assert.is(r.code, 0);
  const rule = rules.find((x) => x.id === 'vs-route-weights')!;
  assert.ok(r.stdout.startsWith(`vs-route-weights (warning, correctness)\n\n${rule.docs.summary}\n\n${rule.docs.description}\n`));
  assert.match(r.stdout, /\nHow to fix: Make the weights of each route add up to 100/);
  assert.match(r.stdout, /\nFires on:\n\n    apiVersion: networking\.istio\.io\/v1\n/);
  assert.match(r.stdout, /\nStays silent on:\n/);
});

explain('an istioctl or Kiali code finds the rule too', () => {
  for (const code of ['IST0101', 'KIA0001']) assert.ok(explainRule([flagData], code)?.startsWith('flag-data (error, correctness)\n'));
  assert.match(explainRule([flagData], 'flag-data')!, /\nEquivalent: IST0101, test\.DataAnalyzer, KIA0001\n/);
  assert.is(explainRule([flagData], 'IST0999'), undefined);
});

explain('an unknown rule exits 2 with a suggestion', async () => {
  const r = await runCli(['explain', 'vs-route-weight']);
  assert.is(r.code, 2);
  assert.is(r.stderr, 'meshlint: unknown rule "vs-route-weight"; did you mean "vs-route-weights"?\nRun \'meshlint --help\' for usage.\n');
});

explain('it takes exactly one rule', async () => {
  assert.is((await runCli(['explain'])).code, 2);
  assert.is((await runCli(['explain', 'a', 'b'])).code, 2);
});

explain.run();

// ---------------------------------------------------------------------------------------------------------
const meta = suite('cli: --help and --version');

meta('--help and -h print the usage, also after a command', async () => {
  for (const argv of [['--help'], ['-h'], ['lint', '--help'], ['rules', '--help'], ['explain', '-h']]) {
    const r = await runCli(argv);
    assert.is(r.code, 0, argv.join(' '));
    assert.is(r.stdout, USAGE);
  }
  assert.match(USAGE, /^Usage: meshlint \[lint\] \[PATH \.\.\.\] \[options\]\n/);
  assert.match(USAGE, /Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage, configuration or internal error\./);
});

meta('--version and -v print the package version', async () => {
  const version = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')).version;
  for (const flag of ['--version', '-v']) {
    const r = await runCli([flag]);
    assert.equal([r.code, r.stdout], [0, `${version}\n`]);
  }
});

meta.run();
