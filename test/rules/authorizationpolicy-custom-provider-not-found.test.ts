import { authorizationpolicyCustomProviderNotFound } from '../../rules/authorizationpolicy-custom-provider-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(authorizationpolicyCustomProviderNotFound).run();
