import * as assert from 'uvu/assert';
import { annotationMisplaced } from '../../rules/annotation-misplaced.ts';
import { lintPaths } from '../helpers/lint.ts';
import { testRule } from '../helpers/rule-tester.ts';

const s = testRule(annotationMisplaced);

s('only what istioctl analyze reads carries its code: Deployment and Namespace metadata, not templates or StatefulSets', () => {
  const { diagnostics } = lintPaths(['fixtures/annotation-misplaced/invalid/misplaced.yaml'], { rules: [annotationMisplaced] });
  const codes = diagnostics.map((d) => `${d.location.range.start.line} ${d.codes?.istio ?? '-'} ${d.codes?.istioAnalyzer ?? '-'}`);
  assert.equal(codes, ['7 IST0107 annotations.K8sAnalyzer', '13 - -', '22 IST0107 annotations.K8sAnalyzer', '29 - -']);
});

s.run();
