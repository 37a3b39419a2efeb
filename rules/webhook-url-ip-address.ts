import { isIP } from 'node:net';
import { defineRule } from '../src/engine/index.ts';
import { istioWebhooks, urlHostname, urlProblem } from '../src/graph/webhooks.ts';

const CASE = (host: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: istio-sidecar-injector-external-istiod}
webhooks:
- name: namespace.sidecar-injector.istio.io
  admissionReviewVersions: [v1]
  sideEffects: None
  clientConfig: {url: "https://${host}:15017/inject/cluster/remote/net/network1"}
  namespaceSelector: {matchLabels: {istio-injection: enabled}}
`;

export const webhookUrlIpAddress = defineRule({
  id: 'webhook-url-ip-address',
  severity: 'info',
  category: 'hygiene',
  istio: 'IST0164',
  istioAnalyzer: 'externalcontrolplane.ExternalControlPlaneAnalyzer',
  docs: {
    summary: 'An Istio validation or injection webhook reaches the external control plane by IP address.',
    description:
      'The API server calls the webhook URL over TLS, so the control plane\'s certificate must name that IP, and the ' +
      'address changes whenever the control plane\'s gateway is re-created: validation and injection then fail until ' +
      'every webhook is rewritten. A DNS name survives both.',
    fix: 'Use a DNS name for the control plane gateway in clientConfig.url.',
    bad: CASE('203.0.113.10'),
    good: CASE('istiod.example.com'),
  },
  check(ctx) {
    for (const h of ctx.graph.facet(istioWebhooks).controlPlane) {
      if (!h.url || urlProblem(h.url)) continue;
      const host = urlHostname(h.url);
      if (!isIP(host)) continue;
      ctx.report({
        resource: h.resource,
        pointer: `${h.pointer}/clientConfig/url`,
        message: `Webhook "${h.name}" reaches the control plane by IP address ${host}: the certificate must name the IP and the address breaks when the gateway is re-created`,
        fix: 'Use a host name in the URL.',
      });
    }
  },
});
