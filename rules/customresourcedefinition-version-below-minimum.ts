import { defineRule } from '../src/engine/index.ts';

/** The Gateway API CRDs this Istio version needs at a minimum bundle version, as [major, minor, patch]. */
const MINIMUM: Readonly<Record<string, readonly [number, number, number]>> = {
  'grpcroutes.gateway.networking.k8s.io': [1, 1, 0],
  'backendtlspolicies.gateway.networking.k8s.io': [1, 4, 0],
  'tlsroutes.gateway.networking.k8s.io': [1, 5, 0],
  'tcproutes.gateway.networking.k8s.io': [1, 6, 0],
};
const BUNDLE = 'gateway.networking.k8s.io/bundle-version';

/** Lenient semver (blang/semver ParseTolerant): optional `v`, missing minor/patch as 0, pre-release and build ignored. */
function version(text: string): [number, number, number] | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

const below = (a: readonly number[], b: readonly number[]) => a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];

const CASE = (v: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: tlsroutes.gateway.networking.k8s.io
  annotations: {gateway.networking.k8s.io/bundle-version: ${v}, gateway.networking.k8s.io/channel: experimental}
spec:
  group: gateway.networking.k8s.io
  names: {kind: TLSRoute, listKind: TLSRouteList, plural: tlsroutes, singular: tlsroute}
  scope: Namespaced
  versions: [{name: v1alpha2, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]
`;

export const customresourcedefinitionVersionBelowMinimum = defineRule({
  id: 'customresourcedefinition-version-below-minimum',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0176',
  istioAnalyzer: 'k8sgateway.CRDVersionAnalyzer',
  docs: {
    summary: 'A Gateway API CRD is older than the minimum bundle version Istio needs for that kind.',
    description:
      'istiod reads GRPCRoute, BackendTLSPolicy, TLSRoute and TCPRoute only when their CRDs come from a recent enough ' +
      'Gateway API bundle (1.1.0, 1.4.0, 1.5.0 and 1.6.0). With an older CRD installed, objects of that kind are not ' +
      'processed at all: their routes and policies silently do nothing.',
    fix: 'Install the Gateway API CRDs of the bundle version Istio requires (or newer).',
    bad: CASE('v1.4.1'),
    good: CASE('v1.5.0'),
    notes: 'A CRD without the bundle-version annotation, or with one that is not a version, is not reported.',
  },
  check(ctx) {
    for (const r of ctx.graph.resources.ofKind('CustomResourceDefinition', 'apiextensions.k8s.io')) {
      const min = MINIMUM[r.name];
      const text = r.annotations[BUNDLE];
      const v = min && text !== undefined ? version(text) : undefined;
      if (!v || !below(v, min)) continue;
      ctx.report({
        resource: r,
        pointer: `/metadata/annotations/${BUNDLE.replace('/', '~1')}`,
        message: `CRD "${r.name}" is from Gateway API ${text}, but Istio needs at least v${min.join('.')}: istiod does not process objects of this kind`,
        fix: `Upgrade the Gateway API CRDs to v${min.join('.')} or later.`,
      });
    }
  },
});
