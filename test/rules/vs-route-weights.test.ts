import { vsRouteWeights } from '../../rules/vs-route-weights.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(vsRouteWeights).run();
