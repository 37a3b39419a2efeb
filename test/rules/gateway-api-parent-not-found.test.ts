import { gatewayApiParentNotFound } from '../../rules/gateway-api-parent-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(gatewayApiParentNotFound).run();
