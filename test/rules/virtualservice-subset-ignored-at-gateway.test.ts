import { virtualserviceSubsetIgnoredAtGateway } from '../../rules/virtualservice-subset-ignored-at-gateway.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(virtualserviceSubsetIgnoredAtGateway).run();
