import { virtualserviceUnreachableRoute } from '../../rules/virtualservice-unreachable-route.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(virtualserviceUnreachableRoute).run();
