import { virtualserviceDestinationPortNotFound } from '../../rules/virtualservice-destination-port-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(virtualserviceDestinationPortNotFound).run();
