import { defineRule } from '../src/engine/index.ts';
import { istioAnnotations, type AnnotationUse } from '../src/graph/annotations.ts';

/** Written by istio-init's defaults; on a Pod without istio-init (CNI) the injector sets them itself. */
const INJECTED_DEFAULTS = new Set(['sidecar.istio.io/interceptionMode', 'traffic.sidecar.istio.io/includeInboundPorts', 'traffic.sidecar.istio.io/excludeInboundPorts', 'traffic.sidecar.istio.io/includeOutboundIPRanges']);

const CASE = (annotation: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ratings, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: ratings}}
  template:
    metadata:
      labels: {app: ratings}
      annotations: {${annotation}}
    spec: {containers: [{name: ratings, image: ratings:1}]}
`;

function injectedDefault(use: AnnotationUse): boolean {
  if (use.resource.kind !== 'Pod' || !INJECTED_DEFAULTS.has(use.name)) return false;
  const init = use.resource.object?.spec?.initContainers;
  return !(Array.isArray(init) && init.some((c: any) => c?.name === 'istio-init'));
}

export const annotationAlpha = defineRule({
  id: 'annotation-alpha',
  severity: 'info',
  category: 'hygiene',
  istio: 'IST0136',
  istioAnalyzer: 'annotations.AlphaAnalyzer',
  docs: {
    summary: 'An Istio annotation belongs to an alpha-phase feature.',
    description:
      'Alpha annotations may change meaning or be removed between Istio releases without a deprecation period, and are not ' +
      'recommended for production: what they set can stop working after an upgrade.',
    fix: 'Prefer a stable mechanism (ProxyConfig, Sidecar, MeshConfig) where one exists, or accept the risk and turn this rule off.',
    bad: CASE('sidecar.istio.io/proxyCPU: 200m'),
    good: CASE('proxy.istio.io/config: "{concurrency: 2}"'),
    notes:
      'istioctl analyze has this analyzer but does not run it by default. As there, on Pods without an istio-init container ' +
      'the annotations the injector writes itself are skipped. Pod templates and workload kinds istioctl analyze does not ' +
      'read are reported without an Istio code.',
  },
  check(ctx) {
    for (const use of ctx.graph.facet(istioAnnotations)) {
      if (use.info?.status !== 'Alpha' || injectedDefault(use)) continue;
      ctx.report({
        resource: use.resource,
        pointer: use.pointer,
        key: true,
        message: `Annotation "${use.name}" is part of an alpha-phase feature: it may change or be removed in a later Istio version`,
        codes: use.extended ? { istio: undefined, istioAnalyzer: undefined } : undefined,
      });
    }
  },
});
