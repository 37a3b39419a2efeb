import { serviceentryDuplicateHostPort } from '../../rules/serviceentry-duplicate-host-port.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(serviceentryDuplicateHostPort).run();
