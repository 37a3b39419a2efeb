import { webhookUrlIpAddress } from '../../rules/webhook-url-ip-address.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(webhookUrlIpAddress).run();
