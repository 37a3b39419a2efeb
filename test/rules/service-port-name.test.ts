import { servicePortName } from '../../rules/service-port-name.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(servicePortName).run();
