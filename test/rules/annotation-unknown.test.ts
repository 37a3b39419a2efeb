import { annotationUnknown } from '../../rules/annotation-unknown.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(annotationUnknown).run();
