import { telemetrySelectorNoWorkload } from '../../rules/telemetry-selector-no-workload.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(telemetrySelectorNoWorkload).run();
