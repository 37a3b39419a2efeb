import { workloadgroupDuplicateLabels } from '../../rules/workloadgroup-duplicate-labels.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(workloadgroupDuplicateLabels).run();
