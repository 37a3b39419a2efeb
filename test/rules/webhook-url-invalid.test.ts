import { webhookUrlInvalid } from '../../rules/webhook-url-invalid.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(webhookUrlInvalid).run();
