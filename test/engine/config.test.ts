import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, emptyConfig, findConfig, loadConfig, type Config } from '../../src/engine/index.ts';
import { flagData, lintText, where } from '../helpers/probe-rule.ts';
import { removeTree, tempTree } from '../helpers/tmp.ts';

const known = new Set(['flag-data', 'vs-route-weights']);

// ---------------------------------------------------------------------------------------------------------
const find = suite('config: finding .meshlint.yaml');
let root = '';
find.before(() => {
  root = realpathSync(tempTree({
    'outer/.meshlint.yaml': 'rules: {}\n',
    'outer/repo/.git/HEAD': 'ref: refs/heads/main\n',
    'outer/repo/a/b/placeholder': '',
    'outer/repo/with-config/.meshlint.yml': 'rules: {}\n',
    'outer/repo/with-config/deeper/placeholder': '',
    'outer/plain/x/placeholder': '',
  }));
});
find.after(() => removeTree(root));

find('it is searched from the cwd upwards, .meshlint.yml too', () => {
  assert.is(findConfig(join(root, 'outer/repo/with-config/deeper')), join(root, 'outer/repo/with-config/.meshlint.yml'));
  assert.is(findConfig(join(root, 'outer/repo/with-config')), join(root, 'outer/repo/with-config/.meshlint.yml'));
});

find('the search stops at the git root: a file above the repository is not used', () => {
  assert.is(findConfig(join(root, 'outer/repo/a/b')), undefined);
});

find('outside a repository it goes up to the file-system root', () => {
  assert.is(findConfig(join(root, 'outer/plain/x')), join(root, 'outer/.meshlint.yaml'));
});

find.run();

// ---------------------------------------------------------------------------------------------------------
const read = suite('config: reading and checking');

const load = (text: string) => {
  const dir = tempTree({ '.meshlint.yaml': text });
  try {
    return loadConfig(join(dir, '.meshlint.yaml'), known);
  } finally {
    removeTree(dir);
  }
};
const fails = (text: string, message: RegExp) =>
  assert.throws(() => load(text), (e: unknown) => e instanceof ConfigError && message.test((e as Error).message));

read('every key is read', () => {
  const cfg = load(`rules:
  vs-route-weights: error
  flag-data: off
ignore: [charts/**, vendor]
overrides:
  - files: ["legacy/**"]
    rules: {vs-route-weights: info}
suppress: ["IST0101=ConfigMap kube-public/*"]
policies: [policies/*.policy.ts]
meshConfig: mesh.yaml
`);
  assert.equal(cfg.rules, { 'vs-route-weights': 'error', 'flag-data': 'off' });
  assert.equal(cfg.ignore, ['charts/**', 'vendor']);
  assert.equal(cfg.overrides, [{ files: ['legacy/**'], rules: { 'vs-route-weights': 'info' } }]);
  assert.equal(cfg.suppress, ['IST0101=ConfigMap kube-public/*']);
  assert.equal(cfg.policies, ['policies/*.policy.ts']);
  assert.is(cfg.meshConfig, 'mesh.yaml');
});

read('an unknown key names the file and the key', () => {
  fails('rules: {}\nignores: [x]\n', /\.meshlint\.yaml: unknown key "ignores" \(known keys: rules, ignore, /);
});

read('an unknown rule id, in rules, overrides or suppress, names the file, the place and a suggestion', () => {
  fails('rules:\n  vs-route-weight: off\n', /\.meshlint\.yaml: rules: unknown rule "vs-route-weight"; did you mean "vs-route-weights"\?/);
  fails('overrides:\n  - files: [a]\n    rules: {nope: off}\n', /\.meshlint\.yaml: overrides\[0\]\.rules: unknown rule "nope"/);
  fails('suppress: ["flag-date=ConfigMap a/b"]\n', /\.meshlint\.yaml: suppress\[0\]: unknown rule "flag-date" in "flag-date=ConfigMap a\/b"; did you mean "flag-data"\?/);
});

read('a bad level, a bad override or a malformed file is a configuration error', () => {
  fails('rules: {flag-data: loud}\n', /rules\.flag-data: "loud" is not a level \(expected off\|info\|warning\|error\)/);
  fails('overrides: [{files: [a], rule: {}}]\n', /overrides\[0\]: unknown key "rule" \(expected files, rules\)/);
  fails('rules: [broken\n', /cannot read configuration/);
  fails('- a list\n', /expected a mapping at the top level/);
});

read('a missing file given with -c is an error', () => {
  assert.throws(() => loadConfig('/nonexistent/.meshlint.yaml', known), (e: unknown) => e instanceof ConfigError && /file not found/.test((e as Error).message));
});

read.run();

// ---------------------------------------------------------------------------------------------------------
const levels = suite('config: rule levels');

const TEXT = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  one: x\n';
const config = (over: Partial<Config>): Config => ({ ...emptyConfig('/work'), ...over });
const severities = (r: ReturnType<typeof lintText>) => r.diagnostics.map((d) => `${d.ruleId} ${d.severity}`);

levels('rules: off silences a rule, another level re-levels its findings', () => {
  assert.equal(where(lintText(TEXT, { config: config({ rules: { 'flag-data': 'off' } }) })), []);
  assert.equal(severities(lintText(TEXT, { config: config({ rules: { 'flag-data': 'info' } }) })), ['flag-data info']);
});

levels('overrides apply by file glob, relative to the configuration directory', () => {
  const cfg = config({ dir: '/work', rules: { 'flag-data': 'warning' }, overrides: [{ files: ['legacy/**'], rules: { 'flag-data': 'off' } }] });
  assert.equal(severities(lintText(TEXT, { cwd: '/work', config: cfg }, 'legacy/old.yaml')), []);
  assert.equal(severities(lintText(TEXT, { cwd: '/work', config: cfg }, 'current/new.yaml')), ['flag-data warning']);
  // A later override wins over an earlier one; a bare name matches at any depth.
  const two = config({ dir: '/work', overrides: [{ files: ['*.yaml'], rules: { 'flag-data': 'info' } }, { files: ['deep/**'], rules: { 'flag-data': 'warning' } }] });
  assert.equal(severities(lintText(TEXT, { cwd: '/work', config: two }, 'deep/x/a.yaml')), ['flag-data warning']);
});

levels('--rule beats the configuration and its overrides', () => {
  const cfg = config({ rules: { 'flag-data': 'off' }, overrides: [{ files: ['**'], rules: { 'flag-data': 'off' } }] });
  assert.equal(severities(lintText(TEXT, { config: cfg, ruleLevels: { 'flag-data': 'warning' } })), ['flag-data warning']);
});

levels('a rule that is off by default runs only when a level is set for it: in rules, in an override, or with --rule', () => {
  const optIn = { ...flagData, defaultOff: true };
  assert.equal(severities(lintText(TEXT, { rules: [optIn] })), []);
  assert.equal(severities(lintText(TEXT, { rules: [optIn], config: config({ rules: { 'flag-data': 'warning' } }) })), ['flag-data warning']);
  assert.equal(severities(lintText(TEXT, { rules: [optIn], cwd: '/work', config: config({ dir: '/work', overrides: [{ files: ['on/**'], rules: { 'flag-data': 'info' } }] }) }, 'on/a.yaml')), ['flag-data info']);
  assert.equal(severities(lintText(TEXT, { rules: [optIn], cwd: '/work', config: config({ dir: '/work', overrides: [{ files: ['on/**'], rules: { 'flag-data': 'info' } }] }) }, 'off/a.yaml')), []);
  assert.equal(severities(lintText(TEXT, { rules: [optIn], ruleLevels: { 'flag-data': 'error' } })), ['flag-data error']);
});

levels('a stage rule (yaml-syntax) can be re-levelled like any other', () => {
  const broken = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n';
  assert.equal(severities(lintText(broken, { rules: [flagData], ruleLevels: { 'yaml-syntax': 'warning' } })), ['yaml-syntax warning']);
});

levels.run();
