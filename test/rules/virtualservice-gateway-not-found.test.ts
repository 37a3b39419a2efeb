import { virtualserviceGatewayNotFound } from '../../rules/virtualservice-gateway-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(virtualserviceGatewayNotFound).run();
