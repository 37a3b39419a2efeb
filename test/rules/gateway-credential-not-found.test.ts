import { gatewayCredentialNotFound } from '../../rules/gateway-credential-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(gatewayCredentialNotFound).run();
