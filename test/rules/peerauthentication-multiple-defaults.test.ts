import { peerauthenticationMultipleDefaults } from '../../rules/peerauthentication-multiple-defaults.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(peerauthenticationMultipleDefaults).run();
