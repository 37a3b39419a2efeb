import { envoyfilterRemoveIgnored } from '../../rules/envoyfilter-remove-ignored.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(envoyfilterRemoveIgnored).run();
