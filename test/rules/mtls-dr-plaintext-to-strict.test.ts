import { mtlsDrPlaintextToStrict } from '../../rules/mtls-dr-plaintext-to-strict.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(mtlsDrPlaintextToStrict).run();
