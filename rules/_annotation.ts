import type { Codes } from '../src/core/index.ts';
import type { AnnotationUse } from '../src/graph/annotations.ts';

/** Findings istioctl analyze does not make (pod templates, other workload kinds) carry no Istio code. */
export function annotationCodes(use: AnnotationUse): Codes | undefined {
  return use.extended ? { istio: undefined, istioAnalyzer: undefined } : undefined;
}

/** A Deployment with annotations on its own metadata and/or its pod template, for rule examples. */
export function deploymentExample(o: { template?: string; labels?: string; metadata?: string }): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ratings
  namespace: bookinfo${o.metadata ? `\n  annotations: {${o.metadata}}` : ''}
spec:
  selector: {matchLabels: {app: ratings}}
  template:
    metadata:
      labels: {app: ratings${o.labels ? `, ${o.labels}` : ''}}${o.template ? `\n      annotations: {${o.template}}` : ''}
    spec: {containers: [{name: ratings, image: ratings:1}]}
`;
}
