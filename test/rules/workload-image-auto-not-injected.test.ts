import { workloadImageAutoNotInjected } from '../../rules/workload-image-auto-not-injected.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(workloadImageAutoNotInjected).run();
