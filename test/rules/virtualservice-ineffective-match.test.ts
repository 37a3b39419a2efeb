import { virtualserviceIneffectiveMatch } from '../../rules/virtualservice-ineffective-match.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(virtualserviceIneffectiveMatch).run();
