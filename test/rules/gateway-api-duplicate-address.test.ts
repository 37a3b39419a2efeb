import { gatewayApiDuplicateAddress } from '../../rules/gateway-api-duplicate-address.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(gatewayApiDuplicateAddress).run();
