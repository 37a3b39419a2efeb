import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../src/cli/main.ts';
import { ROOT, brief, lintPaths } from '../helpers/lint.ts';

// A pre-commit hook passes the staged files as PATHs and the repository as --context.
const DIR = 'fixtures/graph/split';
const staged = (paths: string[]) => brief(lintPaths(paths.map((p) => `${DIR}/${p}`), { context: [DIR] }).diagnostics);

const s = suite('graph: --context reports on the given files, with the repository as context');

s('a staged DestinationRule fails the commit for the unchanged VirtualService it breaks', () => {
  assert.equal(staged(['mesh/destinationrules.yaml']), [
    `destinationrule-subset-no-workload ${DIR}/mesh/destinationrules.yaml:14:5`,
    `virtualservice-subset-not-found ${DIR}/mesh/virtualservices.yaml:12:44`,
  ]);
});

s('a staged file is checked against objects it does not contain', () => {
  assert.equal(staged(['apps/ratings/ratings.yaml']), [`virtualservice-destination-host-not-found ${DIR}/apps/ratings/ratings.yaml:33:27`]);
});

s('without context the same file alone cannot resolve its references', () => {
  const alone = brief(lintPaths([`${DIR}/mesh/virtualservices.yaml`]).diagnostics);
  assert.not.ok(alone.some((l) => l.startsWith('virtualservice-subset-not-found')), 'no DestinationRule is loaded: the subset is unknown');
  const withContext = staged(['mesh/virtualservices.yaml']);
  assert.ok(withContext.includes(`virtualservice-subset-not-found ${DIR}/mesh/virtualservices.yaml:12:44`));
  assert.not.ok(withContext.some((l) => l.includes('gateways/public.yaml')), 'findings only in other files are left out');
});

s('several staged files, one of them unrelated', () => {
  const got = staged(['apps/reviews/service.yaml', 'gateways/public.yaml']);
  assert.ok(got.every((l) => l.includes('gateways/public.yaml')), got.join('\n'));
  assert.is(got.length, 4);
});

s('the CLI takes the staged files as PATHs with --context (exit 1 on the broken VirtualService)', async () => {
  let out = '';
  const io = { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true }, env: {}, cwd: ROOT };
  const code = await main(['lint', '--no-config', '--context', DIR, '-f', 'json', `${DIR}/mesh/destinationrules.yaml`, `${DIR}/apps/reviews/service.yaml`], io);
  assert.is(code, 1);
  const found = JSON.parse(out).diagnostics.map((d: any) => `${d.rule} ${d.location.file}:${d.location.line}`);
  assert.equal(found, [`destinationrule-subset-no-workload ${DIR}/mesh/destinationrules.yaml:14`, `virtualservice-subset-not-found ${DIR}/mesh/virtualservices.yaml:12`]);
});

s.run();
