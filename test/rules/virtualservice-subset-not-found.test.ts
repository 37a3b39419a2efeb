import { virtualserviceSubsetNotFound } from '../../rules/virtualservice-subset-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(virtualserviceSubsetNotFound).run();
