import { serviceTargetportNotInWorkload } from '../../rules/service-targetport-not-in-workload.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(serviceTargetportNotInWorkload).run();
