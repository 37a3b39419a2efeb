import { authorizationpolicyUnknownTrustDomain } from '../../rules/authorizationpolicy-unknown-trust-domain.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(authorizationpolicyUnknownTrustDomain).run();
