// The mTLS migration story of fixtures/stories/mtls-migration: PERMISSIVE works, STRICT breaks the one caller
// without a sidecar (and only it), injecting its namespace fixes it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { brief, lintPaths } from '../helpers/lint.ts';

const DIR = 'fixtures/stories/mtls-migration';
const lint = (step: string) => lintPaths([`${DIR}/${step}`]).diagnostics;
const errors = (step: string) => lint(step).filter((d) => d.severity === 'error');

const story = suite('mTLS migration story');

story('before: PERMISSIVE accepts the plaintext caller; only the uninjected namespace is noted', () => {
  assert.equal(errors('before'), []);
  assert.equal(brief(lint('before')), [`namespace-not-injected ${DIR}/before/batch.yaml:4:9`]);
});

story('after: STRICT resets the CronJob in "batch", named at its argument, with the policy and the Service', () => {
  const found = errors('after');
  assert.equal(brief(found), [`mtls-strict-non-mesh-client ${DIR}/after/batch.yaml:24:32`]);
  const [d] = found;
  assert.equal(d.resource, { apiVersion: 'batch/v1', kind: 'CronJob', namespace: 'batch', name: 'ratings-export' });
  assert.match(d.message, 'calls "http://ratings.bookinfo:9080"');
  assert.match(d.message, 'PeerAuthentication "bookinfo/default" is STRICT');
  assert.equal(d.related?.map((r) => `${r.location.file}:${r.location.range.start.line}:${r.location.range.start.column}`), [
    `${DIR}/after/peer-authentication.yaml:9:11`,
    `${DIR}/after/bookinfo.yaml:19:5`,
  ]);
  assert.match(d.fix ?? '', 'istio-injection=enabled');
});

story('after: the caller inside the mesh (reviews, naming "ratings") is not reported', () => {
  assert.not.ok(lint('after').some((d) => d.resource?.name === 'reviews-v2'));
});

story('pre-commit: changing only the PeerAuthentication (the rest as context) still reports the broken caller', () => {
  const found = lintPaths([`${DIR}/after/peer-authentication.yaml`], { context: [`${DIR}/after`] }).diagnostics.filter((d) => d.severity === 'error');
  assert.equal(brief(found), [`mtls-strict-non-mesh-client ${DIR}/after/batch.yaml:24:32`]);
});

story('fixed: with "batch" injected nothing is left', () => {
  assert.equal(brief(lint('fixed')), []);
});

story.run();
