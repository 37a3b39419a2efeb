import { defineRule } from '../src/engine/index.ts';
import { refState } from '../src/graph/index.ts';
import { istioWebhooks } from '../src/graph/webhooks.ts';

const CASE = (service: string) => `apiVersion: v1
kind: Service
metadata: {name: istiod, namespace: istio-system}
spec:
  selector: {app: istiod}
  ports: [{name: https-webhook, port: 443, targetPort: 15017}]
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: istio-sidecar-injector}
webhooks:
- name: namespace.sidecar-injector.istio.io
  admissionReviewVersions: [v1]
  sideEffects: None
  clientConfig: {service: {name: ${service}, namespace: istio-system, path: /inject}}
  namespaceSelector: {matchLabels: {istio-injection: enabled}}
`;

export const webhookServiceNotFound = defineRule({
  id: 'webhook-service-not-found',
  severity: 'error',
  category: 'correctness',
  istio: 'IST0139',
  istioAnalyzer: 'webhook.Analyzer',
  docs: {
    summary: 'A sidecar injection webhook calls a Service that does not exist.',
    description:
      'The API server sends every pod creation the webhook matches to `clientConfig.service`. When that Service does not ' +
      'exist (a removed revision, a typo), the call fails: with `failurePolicy: Fail` the pods are rejected, with `Ignore` ' +
      'they start without a sidecar.',
    fix: 'Point clientConfig.service at the istiod Service of the revision, or delete the stale webhook configuration.',
    bad: CASE('istiod-canary'),
    good: CASE('istiod'),
    notes: 'When no Service of that namespace is among the inputs the reference is unknown, reported only under --closed-world.',
  },
  check(ctx) {
    const g = ctx.graph;
    const servicesLoaded = g.resources.ofKind('Service', '').length > 0;
    for (const h of g.facet(istioWebhooks).injection) {
      if (!h.service) continue;
      const { namespace, name } = h.service;
      const state = refState(!!g.resources.get('', 'Service', namespace, name), servicesLoaded, g.namespaces.has(namespace));
      if (state === 'resolved' || (state === 'unknown' && !ctx.closedWorld)) continue;
      ctx.report({
        resource: h.resource,
        pointer: `${h.pointer}/clientConfig/service/name`,
        message: `Webhook "${h.name}" calls Service "${namespace}/${name}", which does not exist${state === 'unknown' ? ' among the inputs' : ''}: pod creations it matches fail or start without a sidecar`,
        fix: 'Point it at the istiod Service of the revision, or remove the configuration.',
      });
    }
  },
});
