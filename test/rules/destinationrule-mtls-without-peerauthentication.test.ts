import { destinationruleMtlsWithoutPeerauthentication } from '../../rules/destinationrule-mtls-without-peerauthentication.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(destinationruleMtlsWithoutPeerauthentication).run();
