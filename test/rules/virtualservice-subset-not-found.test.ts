import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { virtualserviceSubsetNotFound } from '../../rules/virtualservice-subset-not-found.ts';
import { lint } from '../../src/engine/index.ts';
import { ROOT } from '../helpers/lint.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(virtualserviceSubsetNotFound).run();

const dir = 'fixtures/virtualservice-subset-not-found/invalid';
const findings = (file: string) =>
  lint({ cwd: ROOT, paths: [`${dir}/${file}`], rules: [virtualserviceSubsetNotFound] }).diagnostics.map((d) => ({
    at: `${d.ruleId} ${d.resource?.kind} ${d.resource?.namespace}/${d.resource?.name} ${d.location.range.start.line}:${d.location.range.start.column}`,
    istio: d.codes?.istio,
    kiali: d.codes?.kiali,
  }));

const codes = suite('virtualservice-subset-not-found: istioctl and Kiali codes');

codes('a subset no DestinationRule defines carries IST0101 and KIA1107', () => {
  assert.equal(findings('subsets.yaml'), [
    { at: 'virtualservice-subset-not-found VirtualService bookinfo/reviews 29:17', istio: 'IST0101', kiali: 'KIA1107' },
    { at: 'virtualservice-subset-not-found VirtualService bookinfo/reviews 33:15', istio: 'IST0101', kiali: 'KIA1107' },
  ]);
});

codes('a subset only a rule istiod ignores defines carries no code: istioctl and Kiali find it in that rule', () => {
  assert.equal(findings('client-namespace-over-root.yaml'), [{ at: 'virtualservice-subset-not-found VirtualService bookinfo/reviews 33:44', istio: undefined, kiali: undefined }]);
  assert.equal(findings('local-wildcard-over-exact.yaml'), [{ at: 'virtualservice-subset-not-found VirtualService frontend/reviews 33:71', istio: undefined, kiali: undefined }]);
});

codes('a subset only a shadowed wildcard rule defines carries IST0101 (istioctl ignores wildcards), not KIA1107', () => {
  assert.equal(findings('wildcard-shadowed.yaml'), [{ at: 'virtualservice-subset-not-found VirtualService bookinfo/ratings 32:44', istio: 'IST0101', kiali: undefined }]);
});

codes('a subset only a hidden rule defines keeps the Kiali code: Kiali does not see that rule either', () => {
  assert.equal(findings('exportto-hidden.yaml'), [{ at: 'virtualservice-subset-not-found VirtualService frontend/reviews 34:71', istio: undefined, kiali: 'KIA1107' }]);
});

codes.run();
