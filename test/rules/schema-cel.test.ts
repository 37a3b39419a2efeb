import { schemaCel } from '../../rules/schema-rules.ts';
import { testRule } from '../helpers/rule-tester.ts';

// One failing fixture per family of CEL rules in Istio's and Gateway API's CRDs: each proves the rule is
// evaluated (durations, ports, exclusive fields, selectors, URLs, IPs, DNS formats, list uniqueness, filters).
testRule(schemaCel).run();
