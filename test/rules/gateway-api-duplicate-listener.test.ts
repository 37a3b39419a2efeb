import { gatewayApiDuplicateListener } from '../../rules/gateway-api-duplicate-listener.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(gatewayApiDuplicateListener).run();
