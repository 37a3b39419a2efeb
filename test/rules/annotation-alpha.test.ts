import { annotationAlpha } from '../../rules/annotation-alpha.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(annotationAlpha).run();
