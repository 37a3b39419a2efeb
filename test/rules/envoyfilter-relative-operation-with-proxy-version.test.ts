import { envoyfilterRelativeOperationWithProxyVersion } from '../../rules/envoyfilter-relative-operation-with-proxy-version.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(envoyfilterRelativeOperationWithProxyVersion).run();
