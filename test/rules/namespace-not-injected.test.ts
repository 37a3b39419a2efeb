import { namespaceNotInjected } from '../../rules/namespace-not-injected.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(namespaceNotInjected).run();
