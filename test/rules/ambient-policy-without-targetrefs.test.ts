import { ambientPolicyWithoutTargetrefs } from '../../rules/ambient-policy-without-targetrefs.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(ambientPolicyWithoutTargetrefs).run();
