import { gatewaySelectorNoWorkload } from '../../rules/gateway-selector-no-workload.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(gatewaySelectorNoWorkload).run();
