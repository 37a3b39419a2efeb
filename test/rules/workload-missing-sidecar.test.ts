import { workloadMissingSidecar } from '../../rules/workload-missing-sidecar.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(workloadMissingSidecar).run();
