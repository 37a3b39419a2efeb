import { destinationruleOverlapping } from '../../rules/destinationrule-overlapping.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(destinationruleOverlapping).run();
