import { workloadSidecarAndAmbient } from '../../rules/workload-sidecar-and-ambient.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(workloadSidecarAndAmbient).run();
