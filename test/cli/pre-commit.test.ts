// The hooks in .pre-commit-hooks.yaml, run by the real pre-commit: a throwaway repository uses this checkout
// (its HEAD commit) as the hook repository, installs the hooks with `pre-commit install`, and commits.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as jsyaml from 'js-yaml';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chooseFormat, type Io } from '../../src/cli/main.ts';
import { ROOT } from '../helpers/lint.ts';

const PRE_COMMIT = process.env.PRE_COMMIT_BIN ?? 'pre-commit';
/** Files that decide how the hook installs and what it runs; changes to them count only once committed. */
const HOOK_INPUTS = ['.pre-commit-hooks.yaml', '.npmrc', 'package.json', 'package-lock.json', 'bin', 'src', 'rules', 'schemas'];

const run = (cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }) => {
  // The time limit only stops a hung install; no assertion depends on it.
  const r = spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, encoding: 'utf8', timeout: 600_000 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.replace(/\x1b\[[0-9;]*m/g, '');
  return { status: r.status, out, error: r.error };
};

const available = spawnSync(PRE_COMMIT, ['--version'], { encoding: 'utf8' });
const headRev = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
const hooks = suite('pre-commit hooks (real pre-commit)');

if (available.status !== 0 || headRev.status !== 0) {
  const why = available.status !== 0 ? `\`${PRE_COMMIT}\` is not installed (Debian: apt-get install pre-commit)` : 'this checkout is not a git repository';
  if (process.env.CI) {
    hooks('pre-commit is available in CI', () => assert.unreachable(`the pre-commit test cannot run: ${why}`));
  } else {
    process.stderr.write(`SKIPPED pre-commit hook test: ${why}\n`);
    hooks.skip(`pre-commit hook test (skipped: ${why})`, () => {});
  }
} else {
  const rev = headRev.stdout.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--', ...HOOK_INPUTS], { cwd: ROOT, encoding: 'utf8' }).stdout.trimEnd();
  if (dirty) process.stderr.write(`note: the pre-commit test installs the hooks from HEAD ${rev.slice(0, 12)}; uncommitted changes are not part of it:\n${dirty}\n`);

  const tmp = mkdtempSync(join(tmpdir(), 'meshlint-pre-commit-'));
  const repo = join(tmp, 'repo');
  // A private PRE_COMMIT_HOME: every run installs the hook afresh from `rev`. Colour on gives the hook a pty
  // for stdout (as in a real terminal) while stdin is /dev/null — the case where no TUI may start.
  const env: NodeJS.ProcessEnv = { ...process.env, PRE_COMMIT_HOME: join(tmp, 'home'), PRE_COMMIT_COLOR: 'always', GIT_CONFIG_NOSYSTEM: '1' };
  delete env.PRE_COMMIT;
  const git = (...args: string[]) => run('git', args, { cwd: repo, env });
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    writeFileSync(join(repo, file), text);
  };
  const commit = (message: string) => git('commit', '-m', message);

  hooks.before(() => {
    mkdirSync(repo);
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'test');
    git('config', 'commit.gpgsign', 'false');
    write('.pre-commit-config.yaml', preCommitConfig(ROOT, rev));
    for (const [file, text] of Object.entries(MESH)) write(file, text);
    const install = run(PRE_COMMIT, ['install'], { cwd: repo, env });
    assert.is(install.status, 0, install.out);
    // Installing the hook environment builds meshlint from the hook repository (npm install + prepare + pack).
    const setup = run(PRE_COMMIT, ['install-hooks'], { cwd: repo, env });
    assert.is(setup.status, 0, setup.out);
  });
  hooks.after(() => rmSync(tmp, { recursive: true, force: true }));

  hooks('a clean mesh commits; the staged .pre-commit-config.yaml is not linted', () => {
    git('add', '.');
    // --verbose shows the output of a hook that passes: nothing about pre-commit's own configuration.
    const staged = run(PRE_COMMIT, ['run', '--verbose', 'meshlint'], { cwd: repo, env });
    assert.is(staged.status, 0, staged.out);
    assert.match(staged.out, /✔ No problems found · 3 resources in 3 files/, staged.out);
    assert.not.match(staged.out, /pre-commit-config|not-a-manifest|skipped/);
    const r = commit('mesh');
    assert.is(r.status, 0, r.out);
    assert.match(r.out, /meshlint\.+Passed/);
  });

  hooks('a staged error fails the commit, with the finding in the output; the fix commits', () => {
    write('mesh/reviews-vs.yaml', MESH['mesh/reviews-vs.yaml'].replace('weight: 20', 'weight: -20'));
    git('add', 'mesh/reviews-vs.yaml');
    const bad = commit('negative weight');
    assert.is(bad.status, 1, bad.out);
    assert.match(bad.out, /meshlint\.+Failed/);
    assert.match(bad.out, /- exit code: 1/);
    // stylish output, not the terminal UI: file header, then line:col, severity, message and rule id
    assert.match(bad.out, /mesh\/reviews-vs\.yaml\n\s+16:15\s+error\s+Negative weight -20 for reviews subset v2: Istio rejects the VirtualService\s+vs-route-weights/);
    assert.match(bad.out, /✖ \d+ problems? \(1 error/);

    write('mesh/reviews-vs.yaml', MESH['mesh/reviews-vs.yaml'].replace('weight: 80', 'weight: 70').replace('weight: 20', 'weight: 30'));
    git('add', 'mesh/reviews-vs.yaml');
    const good = commit('weights 70/30');
    assert.is(good.status, 0, good.out);
    assert.match(good.out, /meshlint\.+Passed/);
  });

  hooks('a staged DestinationRule that breaks an unchanged VirtualService fails the commit', () => {
    write('mesh/reviews-dr.yaml', MESH['mesh/reviews-dr.yaml'].replace(SUBSET_V2, ''));
    git('add', 'mesh/reviews-dr.yaml');
    const bad = commit('drop subset v2');
    assert.is(bad.status, 1, bad.out);
    assert.match(bad.out, /meshlint\.+Failed/);
    // reported where the route names the subset, in the VirtualService that was not staged
    assert.match(bad.out, /mesh\/reviews-vs\.yaml\n\s+15:44\s+error\s+Subset "v2" is not defined in DestinationRule "shop\/reviews".*\s+virtualservice-subset-not-found/);
    assert.match(bad.out, /↳ mesh\/reviews-dr\.yaml:9:3 DestinationRule shop\/reviews defines v1/);

    write('mesh/reviews-dr.yaml', MESH['mesh/reviews-dr.yaml'].replace('{version: v2}', '{version: v2, track: stable}'));
    git('add', 'mesh/reviews-dr.yaml');
    const good = commit('narrow subset v2');
    assert.is(good.status, 0, good.out);
  });

  hooks('meshlint-full catches a deletion that meshlint never sees', () => {
    git('rm', '-q', 'mesh/reviews-dr.yaml');
    const staged = run(PRE_COMMIT, ['run', 'meshlint'], { cwd: repo, env });
    assert.is(staged.status, 0, staged.out);
    assert.match(staged.out, /meshlint\.+\(no files to check\)Skipped/);
    const full = run(PRE_COMMIT, ['run', '--hook-stage', 'manual', 'meshlint-full'], { cwd: repo, env });
    assert.is(full.status, 1, full.out);
    assert.match(full.out, /meshlint \(full\)\.+Failed/);
    assert.match(full.out, /mesh\/reviews-vs\.yaml\n\s+13:17\s+error\s+No DestinationRule defines subset "v1" for host "reviews".*\s+virtualservice-subset-not-found/);
    // the whole tree, but not the YAML that is pre-commit's own
    assert.not.match(full.out, /pre-commit-config|not-a-manifest/);
  });

}
hooks.run();

// The hooks pass no --format: they rely on `auto` never choosing the terminal UI under pre-commit.
const auto = suite('pre-commit: --format auto never opens the terminal UI');
const terminal = (env: Io['env'], stdinIsTTY: boolean): Io => ({ stdout: { write: () => true, isTTY: true }, stderr: { write: () => true }, stdinIsTTY, env, cwd: ROOT });

auto('PRE_COMMIT set, stdout a pty: stylish', () => {
  assert.is(chooseFormat('auto', terminal({ PRE_COMMIT: '1' }, true), false), 'stylish');
});

auto('stdin /dev/null, as pre-commit runs hooks: stylish', () => {
  assert.is(chooseFormat('auto', terminal({}, false), false), 'stylish');
});

auto('an interactive terminal outside pre-commit is the one case that opens it', () => {
  assert.is(chooseFormat('auto', terminal({}, true), false), 'tui');
});

auto.run();

/** README's .pre-commit-config.yaml, pointed at this checkout: the test runs what users copy. */
function preCommitConfig(hookRepo: string, rev: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /```yaml\n(# \.pre-commit-config\.yaml\n[\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README has a .pre-commit-config.yaml block');
  const config = jsyaml.load(block![1]) as any;
  assert.equal(config.repos[0].hooks.map((h: any) => h.id), ['meshlint', 'meshlint-full']);
  Object.assign(config.repos[0], { repo: hookRepo, rev });
  return jsyaml.dump(config);
}

const SUBSET_V2 = `  - name: v2
    labels: {version: v2}
`;

/** A small, correct mesh: Service + two versions, a DestinationRule with both subsets, a weighted route. */
const MESH: Record<string, string> = {
  'mesh/reviews-vs.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: shop
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
      weight: 80
    - destination: {host: reviews, subset: v2}
      weight: 20
`,
  'mesh/reviews-dr.yaml': `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: shop
spec:
  host: reviews
  subsets:
  - name: v1
    labels: {version: v1}
${SUBSET_V2}`,
  // keeps DestinationRules in the loaded kinds when the reviews one is deleted, so its subsets count as missing
  'mesh/ratings-dr.yaml': `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ratings
  namespace: shop
spec:
  host: ratings
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
`,
};
