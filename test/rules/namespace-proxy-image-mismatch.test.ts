import { namespaceProxyImageMismatch } from '../../rules/namespace-proxy-image-mismatch.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(namespaceProxyImageMismatch).run();
