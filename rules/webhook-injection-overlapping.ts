import type { Resource } from '../src/core/index.ts';
import { defineRule } from '../src/engine/index.ts';
import { selectorText, type Labels } from '../src/graph/index.ts';
import { istioWebhooks } from '../src/graph/webhooks.ts';

const CASE = (first: string, second: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: istio-sidecar-injector}
webhooks:
- name: namespace.sidecar-injector.istio.io
  admissionReviewVersions: [v1]
  sideEffects: None
  clientConfig: {service: {name: istiod, namespace: istio-system, path: /inject}}
  namespaceSelector: {${first}}
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: istio-sidecar-injector-canary, labels: {istio.io/rev: canary}}
webhooks:
- name: rev.namespace.sidecar-injector.istio.io
  admissionReviewVersions: [v1]
  sideEffects: None
  clientConfig: {service: {name: istiod-canary, namespace: istio-system, path: /inject}}
  namespaceSelector: {matchLabels: {${second}}}
`;

const where = (ns: Labels, obj: Labels) =>
  `${Object.keys(ns).length ? `namespaces labelled ${selectorText(ns)}` : 'any namespace'}, ${Object.keys(obj).length ? `pods labelled ${selectorText(obj)}` : 'any pod'}`;

export const webhookInjectionOverlapping = defineRule({
  id: 'webhook-injection-overlapping',
  severity: 'error',
  category: 'correctness',
  istio: 'IST0139',
  istioAnalyzer: 'webhook.Analyzer',
  docs: {
    summary: 'Two sidecar injection webhooks fire for the same pods.',
    description:
      'Each revision\'s injection webhooks are meant to split the pods between them by namespace and pod labels ' +
      '(`istio-injection`, `istio.io/rev`, `sidecar.istio.io/inject`). When two webhooks match the same labels, both ' +
      'mutate the pod: it may be injected twice, or by the wrong revision, depending on the order the API server calls them.',
    fix: 'Make the selectors exclusive (for example match `istio.io/rev` in the revision\'s webhook and exclude it in the default one), or delete the stale configuration.',
    bad: CASE('matchLabels: {istio-injection: enabled}', 'istio-injection: enabled'),
    good: CASE('matchLabels: {istio-injection: enabled}, matchExpressions: [{key: istio.io/rev, operator: DoesNotExist}]', 'istio.io/rev: canary'),
    notes:
      'Probed with the label sets istioctl analyze uses (istio-injection, sidecar.istio.io/inject and every revision found). ' +
      'Each webhook is reported once per set of webhooks it fires with; the Istio code is on one finding per configuration ' +
      'and set, as istioctl analyze prints one message for it.',
  },
  check(ctx) {
    for (const o of ctx.graph.facet(istioWebhooks).overlaps()) {
      const coded = new Set<Resource>();
      const key = o.webhooks.map((h) => h.id).join(',');
      for (const h of o.webhooks) {
        const first = !coded.has(h.resource);
        coded.add(h.resource);
        const others = o.webhooks.filter((x) => x !== h);
        ctx.report({
          resource: h.resource,
          pointer: `${h.pointer}/name`,
          message: `Injection webhook "${h.name}" fires for the same pods as ${others.map((x) => `"${x.id}"`).join(', ')} (${where(o.namespaceLabels, o.objectLabels)}): pods may be injected twice or by the wrong revision`,
          related: others.map((x) => ({ resource: x.resource, pointer: `${x.pointer}/name`, message: `Webhook ${x.id}` })),
          fix: 'Make the namespaceSelector/objectSelector of the webhooks exclusive, or remove the stale configuration.',
          discriminator: key,
          codes: first ? undefined : { istio: undefined, istioAnalyzer: undefined },
        });
      }
    }
  },
});
