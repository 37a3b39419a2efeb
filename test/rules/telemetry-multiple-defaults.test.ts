import { telemetryMultipleDefaults } from '../../rules/telemetry-multiple-defaults.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(telemetryMultipleDefaults).run();
