import { serviceInconsistentAcrossClusters } from '../../rules/service-inconsistent-across-clusters.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(serviceInconsistentAcrossClusters).run();
