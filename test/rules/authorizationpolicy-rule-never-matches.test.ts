import { authorizationpolicyRuleNeverMatches } from '../../rules/authorizationpolicy-rule-never-matches.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(authorizationpolicyRuleNeverMatches).run();
