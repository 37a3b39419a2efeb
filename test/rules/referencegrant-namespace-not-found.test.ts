import { referencegrantNamespaceNotFound } from '../../rules/referencegrant-namespace-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(referencegrantNamespaceNotFound).run();
