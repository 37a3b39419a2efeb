import { virtualserviceJwtClaimWithoutRequestauthentication } from '../../rules/virtualservice-jwt-claim-without-requestauthentication.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(virtualserviceJwtClaimWithoutRequestauthentication).run();
