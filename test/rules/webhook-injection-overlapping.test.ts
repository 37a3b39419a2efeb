import { webhookInjectionOverlapping } from '../../rules/webhook-injection-overlapping.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(webhookInjectionOverlapping).run();
