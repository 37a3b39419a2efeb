import { exporttoNamespaceNotFound } from '../../rules/exportto-namespace-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(exporttoNamespaceNotFound).run();
