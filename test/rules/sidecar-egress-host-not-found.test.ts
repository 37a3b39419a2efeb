import { sidecarEgressHostNotFound } from '../../rules/sidecar-egress-host-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(sidecarEgressHostNotFound).run();
