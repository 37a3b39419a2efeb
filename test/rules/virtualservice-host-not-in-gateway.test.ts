import { virtualserviceHostNotInGateway } from '../../rules/virtualservice-host-not-in-gateway.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(virtualserviceHostNotInGateway).run();
