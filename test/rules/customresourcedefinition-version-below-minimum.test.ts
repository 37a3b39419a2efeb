import { customresourcedefinitionVersionBelowMinimum } from '../../rules/customresourcedefinition-version-below-minimum.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(customresourcedefinitionVersionBelowMinimum).run();
