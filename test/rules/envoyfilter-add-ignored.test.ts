import { envoyfilterAddIgnored } from '../../rules/envoyfilter-add-ignored.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(envoyfilterAddIgnored).run();
