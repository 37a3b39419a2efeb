import { virtualserviceDestinationHostNotFound } from '../../rules/virtualservice-destination-host-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(virtualserviceDestinationHostNotFound).run();
