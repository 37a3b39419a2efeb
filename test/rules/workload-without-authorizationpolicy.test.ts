import { workloadWithoutAuthorizationpolicy } from '../../rules/workload-without-authorizationpolicy.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(workloadWithoutAuthorizationpolicy).run();
