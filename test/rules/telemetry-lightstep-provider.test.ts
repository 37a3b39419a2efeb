import { telemetryLightstepProvider } from '../../rules/telemetry-lightstep-provider.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(telemetryLightstepProvider).run();
