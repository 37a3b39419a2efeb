import * as assert from 'uvu/assert';
import { envoyfilterRelativeOperationWithoutPriority } from '../../rules/envoyfilter-relative-operation-without-priority.ts';
import { lintPaths } from '../helpers/lint.ts';
import { testRule } from '../helpers/rule-tester.ts';

const s = testRule(envoyfilterRelativeOperationWithoutPriority);

s('the Istio code is on the first finding of each EnvoyFilter only (istioctl analyze prints one message per filter)', () => {
  const { diagnostics } = lintPaths(['fixtures/envoyfilter-relative-operation-without-priority/invalid/relative.yaml'], { rules: [envoyfilterRelativeOperationWithoutPriority] });
  assert.equal(diagnostics.map((d) => `${d.resource?.name}:${d.location.range.start.line} ${d.codes?.istio ?? '-'}`), ['lua:12 IST0151', 'lua:23 -', 'vhost:33 IST0151']);
});

s.run();
