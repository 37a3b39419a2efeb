import { namespaceInjectionEnabledByDefault } from '../../rules/namespace-injection-enabled-by-default.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(namespaceInjectionEnabledByDefault).run();
