import { gatewayApiReferenceNotPermitted } from '../../rules/gateway-api-reference-not-permitted.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(gatewayApiReferenceNotPermitted).run();
