import { authorizationpolicyHttpFieldsOnTcp } from '../../rules/authorizationpolicy-http-fields-on-tcp.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(authorizationpolicyHttpFieldsOnTcp).run();
