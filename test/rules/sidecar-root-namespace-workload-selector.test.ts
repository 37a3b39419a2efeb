import { sidecarRootNamespaceWorkloadSelector } from '../../rules/sidecar-root-namespace-workload-selector.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(sidecarRootNamespaceWorkloadSelector).run();
