import { sidecarOverlappingSelectors } from '../../rules/sidecar-overlapping-selectors.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(sidecarOverlappingSelectors).run();
