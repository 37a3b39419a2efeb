import { authorizationpolicyHostNotFound } from '../../rules/authorizationpolicy-host-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(authorizationpolicyHostNotFound).run();
