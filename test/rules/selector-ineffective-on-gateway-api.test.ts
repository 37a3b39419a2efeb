import { selectorIneffectiveOnGatewayApi } from '../../rules/selector-ineffective-on-gateway-api.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(selectorIneffectiveOnGatewayApi).run();
