import { authorizationpolicyNoMeshWorkload } from '../../rules/authorizationpolicy-no-mesh-workload.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(authorizationpolicyNoMeshWorkload).run();
