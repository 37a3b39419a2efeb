import { unknownKind } from '../../rules/schema-rules.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(unknownKind).run();
