import { destinationruleMtlsOverridden } from '../../rules/destinationrule-mtls-overridden.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(destinationruleMtlsOverridden).run();
