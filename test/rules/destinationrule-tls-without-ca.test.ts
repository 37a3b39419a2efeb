import { destinationruleTlsWithoutCa } from '../../rules/destinationrule-tls-without-ca.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(destinationruleTlsWithoutCa).run();
