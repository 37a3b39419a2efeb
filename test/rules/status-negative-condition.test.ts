import { statusNegativeCondition } from '../../rules/status-negative-condition.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(statusNegativeCondition).run();
