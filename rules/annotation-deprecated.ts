import { defineRule } from '../src/engine/index.ts';
import { istioAnnotations } from '../src/graph/annotations.ts';
import { annotationCodes, deploymentExample } from './_annotation.ts';

const INJECT = 'sidecar.istio.io/inject';

export const annotationDeprecated = defineRule({
  id: 'annotation-deprecated',
  severity: 'info',
  category: 'hygiene',
  istio: 'IST0135',
  istioAnalyzer: 'annotations.K8sAnalyzer',
  docs: {
    summary: 'An Istio annotation is deprecated.',
    description:
      'Deprecated annotations still work in the current Istio release but may be ignored by a later one, so the setting ' +
      'they carry can silently disappear on upgrade. `sidecar.istio.io/inject` as an annotation is replaced by the label ' +
      'of the same name, which the injection webhooks select on.',
    fix: 'Use the replacement (for sidecar.istio.io/inject: the pod label), or drop the annotation.',
    bad: deploymentExample({ template: 'sidecar.istio.io/inject: "false"' }),
    good: deploymentExample({ labels: 'sidecar.istio.io/inject: "false"' }),
    notes:
      'As istioctl analyze, the `sidecar.istio.io/inject` annotation is not reported when the object also has the label. ' +
      'Pod templates and workload kinds istioctl analyze does not read are reported without an Istio code.',
  },
  check(ctx) {
    for (const use of ctx.graph.facet(istioAnnotations)) {
      if (!use.info?.deprecated) continue;
      const inject = use.name === INJECT;
      if (inject && use.labels[INJECT] !== undefined) continue;
      ctx.report({
        resource: use.resource,
        pointer: use.pointer,
        key: true,
        message: `Annotation "${use.name}" is deprecated${inject ? ' in favor of the label of the same name' : ''} and may be ignored by a future Istio version`,
        fix: inject ? `Move it to the labels: ${INJECT}: "${use.value}".` : 'Remove it, or replace it as the Istio release notes say.',
        codes: annotationCodes(use),
      });
    }
  },
});
