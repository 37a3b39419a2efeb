import { gatewayDuplicateCertificate } from '../../rules/gateway-duplicate-certificate.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(gatewayDuplicateCertificate).run();
