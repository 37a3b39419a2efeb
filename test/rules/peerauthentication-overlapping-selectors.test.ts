import { peerauthenticationOverlappingSelectors } from '../../rules/peerauthentication-overlapping-selectors.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(peerauthenticationOverlappingSelectors).run();
