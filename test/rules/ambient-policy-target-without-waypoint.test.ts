import { ambientPolicyTargetWithoutWaypoint } from '../../rules/ambient-policy-target-without-waypoint.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(ambientPolicyTargetWithoutWaypoint).run();
