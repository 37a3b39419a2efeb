import { authorizationpolicyInvalidMethod } from '../../rules/authorizationpolicy-invalid-method.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(authorizationpolicyInvalidMethod).run();
