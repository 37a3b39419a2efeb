import { virtualserviceConflictingMeshHosts } from '../../rules/virtualservice-conflicting-mesh-hosts.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(virtualserviceConflictingMeshHosts).run();
