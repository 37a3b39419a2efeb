import { serviceentryConflictingProtocols } from '../../rules/serviceentry-conflicting-protocols.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(serviceentryConflictingProtocols).run();
