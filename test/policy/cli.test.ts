import { spawnSync } from 'node:child_process';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../src/cli/main.ts';
import { ROOT } from '../helpers/lint.ts';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: {}, cwd: ROOT });
  return { code, stdout, stderr };
}

const CASE = 'fixtures/policies/cases/route-timeouts/invalid.yaml';
const POLICY = 'fixtures/policies/route-timeouts.policy.ts';
const cmd = suite('policies on the command line');

cmd('--policy findings are ordinary diagnostics with positions', async () => {
  const r = await cli([CASE, '--no-config', '--policy', POLICY, '-f', 'compact']);
  assert.is(r.code, 0);
  assert.equal(r.stdout.trim().split('\n'), [
    `${ROOT}/${CASE}: line 10, col 5, Warning - route "v2-canary" has no timeout, so a slow backend holds callers indefinitely (org/route-timeouts)`,
    `${ROOT}/${CASE}: line 19, col 5, Warning - route "1" has no timeout, so a slow backend holds callers indefinitely (org/route-timeouts)`,
  ]);
});

cmd('policies are re-levelled and turned off like rules; unknown policy ids stop the run', async () => {
  assert.is((await cli([CASE, '--no-config', '--policy', POLICY, '--rule', 'org/route-timeouts=error', '-f', 'compact'])).code, 1);
  assert.is((await cli([CASE, '--no-config', '--policy', POLICY, '--rule', 'org/route-timeouts=off', '-f', 'compact'])).stdout, '');
  const r = await cli([CASE, '--no-config', '--policy', POLICY, '--rule', 'org/route-timeout=off']);
  assert.is(r.code, 2);
  assert.is(r.stderr, 'meshlint: unknown rule "org/route-timeout": no loaded policy has this id; did you mean "org/route-timeouts"?\n');
});

cmd('suppression comments name policy ids like rule ids', async () => {
  const r = await cli(['fixtures/policy-sandbox/suppressed.yaml', '--no-config', '--policy', POLICY, '-f', 'compact']);
  assert.equal(r.stdout.trim().split('\n').filter((l) => l.includes('(org/')).map((l) => l.replace(/^.*?: /, '')), ['line 14, col 5, Warning - route "current" has no timeout, so a slow backend holds callers indefinitely (org/route-timeouts)']);
});

cmd('SARIF describes each policy as a rule with its summary', async () => {
  const r = await cli([CASE, '--no-config', '--policy', POLICY, '-f', 'sarif']);
  const sarif = JSON.parse(r.stdout);
  const rule = sarif.runs[0].tool.driver.rules.find((x: any) => x.id === 'org/route-timeouts');
  assert.is(rule?.shortDescription?.text, 'Every HTTP route sets a timeout.');
  assert.is(sarif.runs[0].results.filter((x: any) => x.ruleId === 'org/route-timeouts').length, 2);
});

cmd('a policy that does not load is a configuration error (exit 2) with file:line:col', async () => {
  const r = await cli([CASE, '--no-config', '--policy', 'fixtures/policy-sandbox/load-errors']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /^meshlint: a policy file cannot be loaded:\n {2}fixtures\/policy-sandbox\/load-errors\/function-constructor\.policy\.ts:9:20: the property name "constructor"/);
});

cmd('a missing --policy file is a configuration error', async () => {
  const r = await cli([CASE, '--no-config', '--policy', 'nowhere.policy.ts']);
  assert.is(r.code, 2);
  assert.is(r.stderr, 'meshlint: --policy nowhere.policy.ts: no such file or directory\n');
});

cmd('meshlint policy test passes on the examples and fails on a broken expectation', async () => {
  const ok = await cli(['policy', 'test', 'fixtures/policies']);
  assert.is(ok.code, 0);
  assert.match(ok.stdout, /\n21 of 21 policy cases passed\n$/);
  const sandbox = await cli(['policy', 'test', 'fixtures/policy-sandbox/load-errors']);
  assert.is(sandbox.code, 2);
});

const cold = suite('policies: the parser stays out of runs without them');

cold('the bundled CLI never loads typescript-estree in its own thread', () => {
  // typescript-estree is CommonJS: once loaded in this thread it sits in the shared require cache.
  const probe = `import { createRequire } from 'node:module'; const cache = createRequire(process.cwd() + '/').cache; process.on('exit', () => process.stderr.write('TSESTREE=' + Object.keys(cache).some((k) => k.includes('typescript-estree')) + '\\n'));`;
  const run = (args: string[]) => spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(probe)}`, ...args], { cwd: ROOT, encoding: 'utf8' }).stderr;
  // The probe does see the parser when this thread loads it.
  assert.match(run(['-e', "import('@typescript-eslint/typescript-estree')"]), /TSESTREE=true/);
  for (const extra of [[], ['--policy', POLICY]]) {
    assert.match(run(['bin/meshlint.js', CASE, '--no-config', '-f', 'compact', ...extra]), /TSESTREE=false/);
  }
});

cmd.run();
cold.run();
