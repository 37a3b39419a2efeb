import { mtlsStrictNonMeshClient } from '../../rules/mtls-strict-non-mesh-client.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(mtlsStrictNonMeshClient).run();
