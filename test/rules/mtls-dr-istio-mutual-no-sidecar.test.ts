import { mtlsDrIstioMutualNoSidecar } from '../../rules/mtls-dr-istio-mutual-no-sidecar.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(mtlsDrIstioMutualNoSidecar).run();
