import { ambientL7ConfigWithoutWaypoint } from '../../rules/ambient-l7-config-without-waypoint.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(ambientL7ConfigWithoutWaypoint).run();
