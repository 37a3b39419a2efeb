import { peerauthenticationSelectorNoWorkload } from '../../rules/peerauthentication-selector-no-workload.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(peerauthenticationSelectorNoWorkload).run();
