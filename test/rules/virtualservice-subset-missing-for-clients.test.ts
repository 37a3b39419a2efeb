import { virtualserviceSubsetMissingForClients } from '../../rules/virtualservice-subset-missing-for-clients.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(virtualserviceSubsetMissingForClients).run();
