import { destinationruleSubsetWithoutLabels } from '../../rules/destinationrule-subset-without-labels.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(destinationruleSubsetWithoutLabels).run();
