import { peerauthenticationDisableWithMutualDestinationrule } from '../../rules/peerauthentication-disable-with-mutual-destinationrule.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(peerauthenticationDisableWithMutualDestinationrule).run();
