import { defineRule } from '../src/engine/index.ts';
import { istioAnnotations, type AnnotationUse } from '../src/graph/annotations.ts';
import { annotationCodes, deploymentExample } from './_annotation.ts';

/** The injector writes these itself on pods without an istio-init container (CNI): they are not the user's choice. */
const INJECTED_DEFAULTS = new Set(['sidecar.istio.io/interceptionMode', 'traffic.sidecar.istio.io/includeInboundPorts', 'traffic.sidecar.istio.io/excludeInboundPorts', 'traffic.sidecar.istio.io/includeOutboundIPRanges']);

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
    bad: deploymentExample({ template: 'sidecar.istio.io/proxyCPU: 200m' }),
    good: deploymentExample({ template: 'proxy.istio.io/config: "{concurrency: 2}"' }),
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
        codes: annotationCodes(use),
      });
    }
  },
});
