import { authorizationpolicyPrincipalNotFound } from '../../rules/authorizationpolicy-principal-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(authorizationpolicyPrincipalNotFound).run();
