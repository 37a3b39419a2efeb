import { workloadgroupServiceaccountNotFound } from '../../rules/workloadgroup-serviceaccount-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(workloadgroupServiceaccountNotFound).run();
