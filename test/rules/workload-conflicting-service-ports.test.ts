import { workloadConflictingServicePorts } from '../../rules/workload-conflicting-service-ports.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(workloadConflictingServicePorts).run();
