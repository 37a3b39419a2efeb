import { virtualserviceGatewayLegacyName } from '../../rules/virtualservice-gateway-legacy-name.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(virtualserviceGatewayLegacyName).run();
