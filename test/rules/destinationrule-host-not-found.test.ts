import { destinationruleHostNotFound } from '../../rules/destinationrule-host-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(destinationruleHostNotFound).run();
