import { gatewayPortNotInService } from '../../rules/gateway-port-not-in-service.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(gatewayPortNotInService).run();
