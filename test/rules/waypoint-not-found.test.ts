import { waypointNotFound } from '../../rules/waypoint-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(waypointNotFound).run();
