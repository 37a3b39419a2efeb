import { sidecarMultipleDefaults } from '../../rules/sidecar-multiple-defaults.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(sidecarMultipleDefaults).run();
