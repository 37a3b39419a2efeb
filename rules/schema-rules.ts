import { defineRule, type Rule, type RuleDocs } from '../src/engine/index.ts';
import type { Severity } from '../src/core/index.ts';

// These rules document findings of the schema stage (src/schema): it validates every document against the
// generated schemas in schemas/ before the graph is built, so they have no check of their own.
function schemaRule(id: string, severity: Severity, docs: RuleDocs, istio?: string): Rule {
  return defineRule({ id, severity, category: 'correctness', stage: 'schema', istio, docs });
}

export const schema = schemaRule('schema', 'error', {
  summary: 'A field has the wrong type, an unknown name, a value out of range, or a required field is missing.',
  description:
    'Every document is checked against the schema the API server uses for its kind: the Kubernetes OpenAPI ' +
    'documents, Istio\'s and Gateway API\'s CRDs. Wrong types, values outside an enum or a range, patterns, ' +
    'mutually exclusive fields, duplicate list keys and missing required fields make kubectl apply fail. ' +
    'Unknown fields fail too: kubectl validates fields strictly by default, and without it the API server ' +
    'silently drops them, so the setting never takes effect. Errors on one node are merged into one finding.',
  fix: 'Correct the field as the message says; for an unknown field, check its spelling and indentation.',
  bad: 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews}\n      weight: "100"\n',
  good: 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews}\n      weight: 100\n',
  notes: 'istioctl analyze does not evaluate the CRD schema (the API server does); for Istio kinds the finding carries IST0106, the code Istio uses for invalid configuration.',
}, 'IST0106');

export const schemaCel = schemaRule('schema-cel', 'error', {
  summary: 'A CRD validation rule (x-kubernetes-validations, CEL) rejects the value.',
  description:
    'Istio\'s and Gateway API\'s CRDs carry CEL rules the API server evaluates on every apply: durations of at ' +
    'least 1ms, ports in 1-65535, "only one of targetRefs or selector", unique listener names, and so on. ' +
    'They are evaluated here with the rule\'s own message, at the field that carries the rule.',
  fix: 'Change the value so the rule\'s message no longer applies.',
  bad: 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n  - timeout: 0s\n    route:\n    - destination: {host: reviews}\n',
  good: 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n  - timeout: 5s\n    route:\n    - destination: {host: reviews}\n',
  notes: 'Transition rules (those using oldSelf) apply only to updates of a stored object and are not evaluated. ' +
    'A Gateway whose listeners repeat a hostname, port and protocol carries Kiali\'s code KIA1503 (the API server rejects it on apply).',
}, 'IST0106');

export const schemaCelUnsupported = schemaRule('schema-cel-unsupported', 'info', {
  summary: 'A CRD validation rule could not be evaluated, so it was not checked.',
  description: 'The rule uses a CEL function or syntax the evaluator does not support. It is reported once per run with its text, so a gap in checking is never silent.',
  fix: 'Nothing to change in the manifest; the rule is checked by the API server on apply.',
});

export const schemaIstio = schemaRule('schema-istio', 'error', {
  summary: 'Istio\'s own validation rejects the configuration (IST0106), or warns about it (IST0133).',
  description:
    'Istio validates each resource with Go code the CRD schema cannot express: host names and wildcards, ' +
    'route/redirect/directResponse exclusivity, regexes (RE2), durations, retry conditions, header names, ' +
    'TLS settings, selectors, exportTo entries. istioctl analyze reports these as IST0106 (error) and IST0133 ' +
    '(warning); istiod rejects the errors.',
  fix: 'Correct the field as the message says.',
  bad: 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews}\n    redirect: {uri: /v2}\n',
  good: 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews}\n',
}, 'IST0106');

export const unknownKind = schemaRule('unknown-kind', 'info', {
  summary: 'The apiVersion or kind is not one the API server serves.',
  description:
    'A kind or apiVersion that no known API group serves (a typo such as VirtualSerivce or ' +
    'networking.istio.io/v1beta) makes kubectl fail with "no matches for kind", and the document is not ' +
    'validated. Kinds of API groups meshlint does not know (third-party CRDs) are not reported, unless a ' +
    'CustomResourceDefinition in the input defines them or their group is a near miss of a known one.',
  fix: 'Use the suggested name.',
  bad: 'apiVersion: networking.istio.io/v1\nkind: VirtualSerivce\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n',
  good: 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n',
});

export const deprecatedApi = schemaRule('deprecated-api', 'info', {
  summary: 'A deprecated API version or field is used.',
  description:
    'Istio serves v1alpha3 and v1beta1 of its networking and security kinds only as aliases of v1, and ' +
    'deprecated Gateway API and Kubernetes versions are removed in later releases. Fields Istio deprecated ' +
    '(VirtualService fault.delay.percent, Sidecar egressProxy) are reported as istioctl does (IST0002).',
  fix: 'Move to the version or field named in the message.',
  bad: 'apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews}\n',
  good: 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews}\n',
}, 'IST0002');

export const removedApi = schemaRule('removed-api', 'error', {
  summary: 'The API version or kind is no longer served.',
  description:
    'Kinds Istio removed (rbac.istio.io ServiceRole and ServiceRoleBinding, authentication.istio.io Policy and ' +
    'MeshPolicy, Mixer\'s config.istio.io kinds, RouteRule, DestinationPolicy) and Kubernetes API versions ' +
    'removed from the API server (extensions/v1beta1, apps/v1beta2, policy/v1beta1, …) cannot be applied any more.',
  fix: 'Rewrite the resource with the replacement named in the message.',
  bad: 'apiVersion: rbac.istio.io/v1alpha1\nkind: ServiceRole\nmetadata:\n  name: reader\nspec:\n  rules:\n  - services: ["*"]\n    methods: [GET]\n',
  good: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: reader\nspec:\n  rules:\n  - to:\n    - operation:\n        methods: [GET]\n',
}, 'IST0002');
