import { serviceentryAddressesRequired } from '../../rules/serviceentry-addresses-required.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(serviceentryAddressesRequired).run();
