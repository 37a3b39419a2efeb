import { defineRule } from '../src/engine/index.ts';
import { istioWebhooks, urlProblem } from '../src/graph/webhooks.ts';

const CASE = (clientConfig: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: istio-validator-external-istiod}
webhooks:
- name: rev.validation.istio.io
  admissionReviewVersions: [v1]
  sideEffects: None
  clientConfig: {${clientConfig}}
`;

export const webhookUrlInvalid = defineRule({
  id: 'webhook-url-invalid',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0163',
  istioAnalyzer: 'externalcontrolplane.ExternalControlPlaneAnalyzer',
  docs: {
    summary: 'An Istio validation or injection webhook has no usable address of the control plane.',
    description:
      'With an external control plane, the `istio-validator*` and `istio-sidecar-injector*` webhooks reach istiod through ' +
      '`clientConfig.url` (the ingress gateway of the control plane cluster) or a `clientConfig.service`. Without either, ' +
      'or with a URL that cannot be parsed, the API server cannot call the webhook: config validation and sidecar ' +
      'injection fail (or are skipped, with `failurePolicy: Ignore`).',
    fix: 'Set clientConfig.url to the https URL of the control plane\'s gateway (or clientConfig.service for a local istiod).',
    bad: CASE('url: ""'),
    good: CASE('url: "https://istiod.example.com:15017/validate"'),
    notes: 'istioctl analyze accepts an empty `url: ""`; meshlint reports it as blank, as the API server has nothing to call.',
  },
  check(ctx) {
    for (const h of ctx.graph.facet(istioWebhooks).controlPlane) {
      if (h.url) {
        const problem = urlProblem(h.url);
        if (!problem) continue;
        ctx.report({
          resource: h.resource,
          pointer: `${h.pointer}/clientConfig/url`,
          message: `URL "${h.url}" of webhook "${h.name}" is invalid (${problem}): the API server cannot reach the control plane through it`,
          fix: 'Correct the URL (https://<host>:<port>/<path>).',
        });
      } else if (!h.service) {
        ctx.report({
          resource: h.resource,
          pointer: `${h.pointer}/clientConfig${h.urlKey ? '/url' : ''}`,
          key: true,
          message: `Webhook "${h.name}" has neither a clientConfig url nor a service: the API server cannot reach the control plane through it`,
          fix: 'Set clientConfig.url to the control plane\'s https URL, or clientConfig.service.',
        });
      }
    }
  },
});
