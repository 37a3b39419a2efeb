import { gatewayApiClassNotFound } from '../../rules/gateway-api-class-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(gatewayApiClassNotFound).run();
