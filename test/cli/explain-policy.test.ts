import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.ts';
import { removeTree, tempTree } from '../helpers/tmp.ts';

const explain = suite('cli: meshlint explain POLICY-ID');

explain('--policy: prints the summary, the kinds, the fix and the file of the policy', async () => {
  const r = await runCli(['explain', 'org/route-timeouts', '--no-config', '--policy', 'fixtures/policies']);
  assert.is(r.stderr, '');
  assert.is(r.code, 0);
  assert.is(
    r.stdout,
    [
      'org/route-timeouts (warning, policy)',
      '',
      'Every HTTP route sets a timeout.',
      '',
      'Checks: VirtualService',
      '',
      'How to fix: Add `timeout: 5s` (or what the callers can afford) to the route.',
      '',
      'Defined in: fixtures/policies/route-timeouts.policy.ts',
      '',
    ].join('\n'),
  );
});

const POLICY = `import { definePolicy } from 'meshlint/policy';

export default definePolicy({
  id: 'acme/gateway-tls',
  severity: 'error',
  kinds: ['networking.istio.io/Gateway'],
  summary: 'Gateway servers terminate TLS.',
  description: 'Plain-text servers on a public gateway expose credentials.\\nEvery server uses HTTPS or TLS.',
  check(gw, ctx) {},
});
`;

explain('.meshlint.yaml policies: the description is printed too', async () => {
  const root = tempTree({ '.git/HEAD': '', '.meshlint.yaml': 'policies:\n  - policies/*.policy.ts\n', 'policies/gateway-tls.policy.ts': POLICY });
  try {
    const r = await runCli(['explain', 'acme/gateway-tls'], { cwd: root });
    assert.is(r.stderr, '');
    assert.is(r.code, 0);
    assert.is(
      r.stdout,
      'acme/gateway-tls (error, policy)\n\nGateway servers terminate TLS.\n\nPlain-text servers on a public gateway expose credentials.\nEvery server uses HTTPS or TLS.\n\nChecks: networking.istio.io/Gateway\n\nDefined in: policies/gateway-tls.policy.ts\n',
    );
  } finally {
    removeTree(root);
  }
});

explain('an unknown policy id exits 2 and suggests a loaded one', async () => {
  const r = await runCli(['explain', 'org/route-timeout', '--no-config', '--policy', 'fixtures/policies']);
  assert.is(r.code, 2);
  assert.is(r.stderr, 'meshlint: unknown rule "org/route-timeout"; did you mean "org/route-timeouts"?\nRun \'meshlint --help\' for usage.\n');
});

explain('a policy id without configured policies says how to name them', async () => {
  const r = await runCli(['explain', 'org/route-timeouts', '--no-config']);
  assert.is(r.code, 2);
  assert.is(r.stderr, 'meshlint: unknown rule "org/route-timeouts" (no policy files are configured: name them with --policy FILE or `policies:` in .meshlint.yaml)\nRun \'meshlint --help\' for usage.\n');
});

explain('a built-in rule id does not load the policies (a broken policy file does not matter)', async () => {
  const r = await runCli(['explain', 'vs-route-weights', '--no-config', '--policy', 'fixtures/policy-sandbox/load-errors']);
  assert.is(r.code, 0);
  assert.ok(r.stdout.startsWith('vs-route-weights ('), r.stdout.slice(0, 80));
});

explain('a policy file that cannot be loaded exits 2 with its problems', async () => {
  const r = await runCli(['explain', 'org/anything', '--no-config', '--policy', 'fixtures/policy-sandbox/load-errors']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /^meshlint: a policy file cannot be loaded:\n {2}fixtures\/policy-sandbox\/load-errors\/function-constructor\.policy\.ts:9:20: the property name "constructor" is not allowed/);
});

explain.run();
