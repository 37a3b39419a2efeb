import { meshnetworksUnknownRegistry } from '../../rules/meshnetworks-unknown-registry.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(meshnetworksUnknownRegistry).run();
