import { virtualserviceDuplicateRouteDestination } from '../../rules/virtualservice-duplicate-route-destination.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(virtualserviceDuplicateRouteDestination).run();
