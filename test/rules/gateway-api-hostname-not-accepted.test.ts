import { gatewayApiHostnameNotAccepted } from '../../rules/gateway-api-hostname-not-accepted.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(gatewayApiHostnameNotAccepted).run();
