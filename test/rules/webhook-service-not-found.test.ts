import { webhookServiceNotFound } from '../../rules/webhook-service-not-found.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(webhookServiceNotFound).run();
