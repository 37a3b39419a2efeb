import { envoyfilterReplaceUnsupported } from '../../rules/envoyfilter-replace-unsupported.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(envoyfilterReplaceUnsupported).run();
