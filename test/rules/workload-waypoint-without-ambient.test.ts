import { workloadWaypointWithoutAmbient } from '../../rules/workload-waypoint-without-ambient.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(workloadWaypointWithoutAmbient).run();
