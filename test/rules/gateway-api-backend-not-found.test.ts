import { gatewayApiBackendNotFound } from '../../rules/gateway-api-backend-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(gatewayApiBackendNotFound).run();
