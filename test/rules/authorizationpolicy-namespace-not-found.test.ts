import { authorizationpolicyNamespaceNotFound } from '../../rules/authorizationpolicy-namespace-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(authorizationpolicyNamespaceNotFound).run();
