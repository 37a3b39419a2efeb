import { defineRule } from '../src/engine/index.ts';
import { closestAnnotation, istioAnnotations } from '../src/graph/annotations.ts';
import { annotationCodes, deploymentExample } from './_annotation.ts';

export const annotationUnknown = defineRule({
  id: 'annotation-unknown',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0108',
  istioAnalyzer: 'annotations.K8sAnalyzer',
  docs: {
    summary: 'An Istio annotation (a key under an istio.io domain) is not one Istio knows.',
    description:
      'Istio reads only the annotations of its catalogue. A misspelt or invented key such as `sidecar.istio.io/proxyCpu` ' +
      'is silently ignored: the proxy runs with the default it was meant to change.',
    fix: 'Correct the key to the catalogue name (see the suggestion), or remove it.',
    bad: deploymentExample({ template: 'sidecar.istio.io/proxyCpu: 100m' }),
    good: deploymentExample({ template: 'sidecar.istio.io/proxyCPU: 100m' }),
    notes:
      'istioctl analyze reads the annotations of Namespaces, Services, Pods and Deployments only; meshlint also reads pod ' +
      'templates (where the injector finds them) and the metadata of the other workload kinds, and reports those without ' +
      'an Istio code.',
  },
  check(ctx) {
    for (const use of ctx.graph.facet(istioAnnotations)) {
      if (use.info) continue;
      const hint = closestAnnotation(use.name);
      ctx.report({
        resource: use.resource,
        pointer: use.pointer,
        key: true,
        message: `Unknown Istio annotation "${use.name}"${hint ? ` (did you mean "${hint}"?)` : ''}: Istio ignores it`,
        fix: hint ? `Rename it to ${hint}.` : 'Remove it, or use an annotation of the Istio catalogue.',
        codes: annotationCodes(use),
      });
    }
  },
});
