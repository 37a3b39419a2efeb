import { telemetryOverlappingSelectors } from '../../rules/telemetry-overlapping-selectors.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(telemetryOverlappingSelectors).run();
