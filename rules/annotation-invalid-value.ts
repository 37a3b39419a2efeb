import { defineRule } from '../src/engine/index.ts';
import { invalidAnnotationValue, istioAnnotations } from '../src/graph/annotations.ts';
import { annotationCodes, deploymentExample } from './_annotation.ts';

export const annotationInvalidValue = defineRule({
  id: 'annotation-invalid-value',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0125',
  istioAnalyzer: 'annotations.K8sAnalyzer',
  docs: {
    summary: 'The value of an Istio annotation is not in the form Istio accepts.',
    description:
      'The sidecar injector validates the injection annotations of each pod it creates (port lists, CIDR ranges, ' +
      'resource quantities, interception mode, ProxyConfig overrides…). A value it cannot read makes injection fail, so ' +
      'the pod is not created while the injection webhook is in place.',
    fix: 'Write the value in the documented form (for example comma-separated port numbers without spaces around).',
    bad: deploymentExample({ template: 'traffic.sidecar.istio.io/excludeOutboundPorts: "3306;5432"' }),
    good: deploymentExample({ template: 'traffic.sidecar.istio.io/excludeOutboundPorts: "3306,5432"' }),
    notes:
      'The `proxy.istio.io/config` check stops at "valid YAML or JSON mapping"; Istio also validates the ProxyConfig ' +
      'fields. Values on pod templates are reported without an Istio code (istioctl analyze reads Pods only).',
  },
  check(ctx) {
    for (const use of ctx.graph.facet(istioAnnotations)) {
      const problem = invalidAnnotationValue(use);
      if (problem === undefined) continue;
      ctx.report({
        resource: use.resource,
        pointer: use.pointer,
        message: `Invalid value of annotation "${use.name}": ${problem}; the sidecar injector rejects pods that carry it`,
        fix: 'Correct the value to the form the annotation documents.',
        codes: annotationCodes(use),
      });
    }
  },
});
