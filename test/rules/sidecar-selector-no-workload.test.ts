import { sidecarSelectorNoWorkload } from '../../rules/sidecar-selector-no-workload.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(sidecarSelectorNoWorkload).run();
