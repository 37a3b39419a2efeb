import { workloadRunsAsProxyUid } from '../../rules/workload-runs-as-proxy-uid.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(workloadRunsAsProxyUid).run();
