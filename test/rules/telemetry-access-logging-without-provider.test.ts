import { telemetryAccessLoggingWithoutProvider } from '../../rules/telemetry-access-logging-without-provider.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(telemetryAccessLoggingWithoutProvider).run();
