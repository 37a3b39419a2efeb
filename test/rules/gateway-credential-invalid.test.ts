import { gatewayCredentialInvalid } from '../../rules/gateway-credential-invalid.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(gatewayCredentialInvalid).run();
