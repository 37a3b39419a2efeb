import { destinationruleSubsetNoWorkload } from '../../rules/destinationrule-subset-no-workload.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(destinationruleSubsetNoWorkload).run();
