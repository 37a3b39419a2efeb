import { authorizationpolicyMtlsRequired } from '../../rules/authorizationpolicy-mtls-required.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(authorizationpolicyMtlsRequired).run();
