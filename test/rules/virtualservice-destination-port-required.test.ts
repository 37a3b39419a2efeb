import { virtualserviceDestinationPortRequired } from '../../rules/virtualservice-destination-port-required.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(virtualserviceDestinationPortRequired).run();
