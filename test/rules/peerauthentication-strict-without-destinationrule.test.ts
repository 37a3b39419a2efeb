import { peerauthenticationStrictWithoutDestinationrule } from '../../rules/peerauthentication-strict-without-destinationrule.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(peerauthenticationStrictWithoutDestinationrule).run();
