import { gatewayConflicting } from '../../rules/gateway-conflicting.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(gatewayConflicting).run();
