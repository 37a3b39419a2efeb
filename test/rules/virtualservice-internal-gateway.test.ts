import { virtualserviceInternalGateway } from '../../rules/virtualservice-internal-gateway.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(virtualserviceInternalGateway).run();
