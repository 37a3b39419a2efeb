import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.ts';
import { ROOT } from '../helpers/lint.ts';
import { addFiles, removeTree, tempTree } from '../helpers/tmp.ts';

const DUPLICATE = readFileSync(join(ROOT, 'fixtures/cli/exit/error.yaml'), 'utf8');
const config = suite('cli: configuration');
let repo = '';

config.before(() => {
  repo = realpathSync(tempTree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.meshlint.yaml': 'rules:\n  duplicate-key: warning\noverrides:\n  - files: ["legacy/**"]\n    rules: {duplicate-key: off}\nignore: [vendor, configs]\n',
    'configs/strict.yaml': 'rules:\n  duplicate-key: error\n',
    'configs/typo.yaml': 'rule:\n  duplicate-key: off\n',
    'mesh/dup.yaml': DUPLICATE,
    'legacy/dup.yaml': DUPLICATE,
    'vendor/dup.yaml': DUPLICATE,
  }));
});
config.after(() => removeTree(repo));

const findings = async (argv: string[], cwd = repo) => {
  const r = await runCli(['-f', 'json', ...argv], { cwd });
  const out = r.stdout ? JSON.parse(r.stdout) : { diagnostics: [] };
  return { code: r.code, stderr: r.stderr, found: out.diagnostics.map((d: any) => `${d.location.file} ${d.rule} ${d.severity}`) };
};

config('.meshlint.yaml in the cwd applies: levels, overrides by glob, ignore', async () => {
  assert.equal(await findings(['.']), { code: 0, stderr: '', found: ['mesh/dup.yaml duplicate-key warning'] });
});

config('it is found from a subdirectory, and its globs stay relative to it', async () => {
  assert.equal(await findings(['.', '../legacy', '../vendor'], join(repo, 'mesh')), { code: 0, stderr: '', found: ['dup.yaml duplicate-key warning'] });
});

config('--no-config ignores it', async () => {
  const r = await findings(['--no-config', 'legacy', 'mesh', 'vendor']);
  assert.is(r.code, 1);
  assert.equal(r.found, ['legacy/dup.yaml duplicate-key error', 'mesh/dup.yaml duplicate-key error', 'vendor/dup.yaml duplicate-key error']);
});

config('-c uses another file instead', async () => {
  const r = await findings(['-c', 'configs/strict.yaml', 'mesh']);
  assert.equal([r.code, r.found], [1, ['mesh/dup.yaml duplicate-key error']]);
});

config('--rule overrides the file, its overrides included', async () => {
  const r = await findings(['--rule', 'duplicate-key=info', '.']);
  assert.equal(r.found, ['legacy/dup.yaml duplicate-key info', 'mesh/dup.yaml duplicate-key info']);
});

config('an unknown key, a missing -c file: exit 2 naming the file', async () => {
  const typo = await runCli(['-c', 'configs/typo.yaml', '.'], { cwd: repo });
  assert.is(typo.code, 2);
  assert.ok(typo.stderr.startsWith(`meshlint: ${join(repo, 'configs/typo.yaml')}: unknown key "rule" (known keys: rules, ignore, `), typo.stderr);
  const missing = await runCli(['-c', 'nope.yaml', '.'], { cwd: repo });
  assert.equal([missing.code, missing.stderr], [2, `meshlint: ${join(repo, 'nope.yaml')}: file not found\n`]);
});

config('an unknown rule id in the file: exit 2 naming the file and the id', async () => {
  addFiles(repo, { 'configs/unknown-rule.yaml': 'rules:\n  duplicate-keys: off\n' });
  const r = await runCli(['-c', 'configs/unknown-rule.yaml', '.'], { cwd: repo });
  assert.equal([r.code, r.stderr], [2, `meshlint: ${join(repo, 'configs/unknown-rule.yaml')}: rules: unknown rule "duplicate-keys"; did you mean "duplicate-key"?\n`]);
});

config.run();
