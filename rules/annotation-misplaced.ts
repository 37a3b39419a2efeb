import { defineRule } from '../src/engine/index.ts';
import { istioAnnotations, misplacedAnnotation } from '../src/graph/annotations.ts';
import { annotationCodes, deploymentExample } from './_annotation.ts';

export const annotationMisplaced = defineRule({
  id: 'annotation-misplaced',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0107',
  istioAnalyzer: 'annotations.K8sAnalyzer',
  docs: {
    summary: 'An Istio annotation is on a kind of object that Istio does not read it from.',
    description:
      'Each Istio annotation is read from one kind of object: the sidecar ones from the Pod, `networking.istio.io/exportTo` ' +
      'from the Service. Written on a Deployment\'s own metadata (rather than its pod template) or on a Namespace, it is ' +
      'never copied to the pods and has no effect.',
    fix: 'Move the annotation to the object Istio reads it from (for a workload: spec.template.metadata.annotations).',
    bad: deploymentExample({ metadata: 'sidecar.istio.io/proxyMemory: 512Mi' }),
    good: deploymentExample({ template: 'sidecar.istio.io/proxyMemory: 512Mi' }),
    notes:
      'istioctl analyze reads Namespaces, Services, Pods and Deployments; meshlint also reads the metadata of the other ' +
      'workload kinds (StatefulSet, DaemonSet…) and reports those without an Istio code.',
  },
  check(ctx) {
    for (const use of ctx.graph.facet(istioAnnotations)) {
      const kinds = misplacedAnnotation(use);
      if (kinds === undefined) continue;
      const template = use.on !== 'Pod' && use.resource.kind !== 'Namespace' && use.resource.kind !== 'Service';
      ctx.report({
        resource: use.resource,
        pointer: use.pointer,
        key: true,
        message: `Annotation "${use.name}" has no effect on a ${use.on}: Istio reads it only from ${kinds}${template ? ' (the pod template\'s annotations)' : ''}`,
        fix: template ? 'Move it to spec.template.metadata.annotations.' : `Move it to the ${kinds} it is meant for, or remove it.`,
        codes: annotationCodes(use),
      });
    }
  },
});
