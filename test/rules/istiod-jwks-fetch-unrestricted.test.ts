import { istiodJwksFetchUnrestricted } from '../../rules/istiod-jwks-fetch-unrestricted.ts';
import { testRule } from '../helpers/rule-tester.ts';

testRule(istiodJwksFetchUnrestricted).run();
