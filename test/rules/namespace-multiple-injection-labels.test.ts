import { namespaceMultipleInjectionLabels } from '../../rules/namespace-multiple-injection-labels.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(namespaceMultipleInjectionLabels).run();
