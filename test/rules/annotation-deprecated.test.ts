import { annotationDeprecated } from '../../rules/annotation-deprecated.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(annotationDeprecated).run();
