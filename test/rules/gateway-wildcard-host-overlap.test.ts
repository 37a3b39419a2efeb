import { gatewayWildcardHostOverlap } from '../../rules/gateway-wildcard-host-overlap.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(gatewayWildcardHostOverlap).run();
