import { defineRule } from '../src/engine/index.ts';
import { livePod, proxyContainer, security } from '../src/graph/security/index.ts';

const CASE = (label: string) => `apiVersion: v1
kind: Namespace
metadata: {name: gateways}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ingress, namespace: gateways}
spec:
  selector: {matchLabels: {istio: ingress}}
  template:
    metadata:
      labels: {istio: ingress${label}}
      annotations: {inject.istio.io/templates: gateway}
    spec: {containers: [{name: istio-proxy, image: auto}]}
`;

export const workloadImageAutoNotInjected = defineRule({
  id: 'workload-image-auto-not-injected',
  severity: 'warning',
  category: 'security',
  istio: 'IST0146',
  istioAnalyzer: 'injection.ImageAutoAnalyzer',
  docs: {
    summary: 'An istio-proxy container with `image: auto` is not targeted by any injection webhook.',
    description:
      '`image: auto` is a placeholder the sidecar injector replaces with the proxy image (the gateway deployment pattern). ' +
      'When no injection webhook selects the pod — its namespace is not labelled for injection and the pod template does ' +
      'not carry `sidecar.istio.io/inject: "true"` — the kubelet tries to pull an image called `auto` and the pods never start.',
    fix: 'Label the pod template `sidecar.istio.io/inject: "true"` (as the gateway chart does), or label its namespace for injection.',
    bad: CASE(''),
    good: CASE(', sidecar.istio.io/inject: "true"'),
    notes:
      'When the inputs hold MutatingWebhookConfigurations, their Istio webhooks (names ending in istio.io) decide, as in ' +
      'istioctl analyze; otherwise the namespace and pod labels do (the injector\'s default webhooks). A Pod read from a ' +
      'cluster with `image: auto` was not injected: IST0147 (an error), which istioctl analyze reports for every such Pod.',
  },
  check(ctx) {
    const g = ctx.graph;
    const sec = g.facet(security);
    for (const w of g.workloads.all()) {
      const proxy = proxyContainer(w);
      if (w.synthetic || proxy?.image !== 'auto') continue;
      const live = w.kind === 'Pod' && (ctx.closedWorld || livePod(w));
      if (!live) {
        if (sec.injector.webhooksLoaded || ctx.closedWorld) {
          if (sec.injector.matchingWebhooks(g.namespaces.labels(w.namespace), w.labels).length) continue;
        } else if (sec.sidecar(w).state !== 'out') {
          continue;
        }
      }
      const istio = w.kind === 'Pod' ? 'IST0147' : w.kind === 'Deployment' ? 'IST0146' : undefined;
      ctx.report({
        resource: w.resource,
        pointer: `${proxy.pointer}/image`,
        message: live
          ? `Pod "${w.name}" still has \`image: auto\`: the injector never replaced it, so the istio-proxy container cannot start`
          : `${w.kind} "${w.name}" uses \`image: auto\` for istio-proxy but no injection webhook selects its pods, so they fail to pull image "auto"`,
        related: !live && sec.namespace(w.namespace).evidence ? [{ ...sec.namespace(w.namespace).evidence!, message: `Namespace ${w.namespace} does not enable injection` }] : undefined,
        severity: live ? 'error' : undefined,
        codes: istio ? { istio } : { istio: undefined, istioAnalyzer: undefined },
        fix: 'Add the label sidecar.istio.io/inject: "true" to the pod template, or label the namespace for injection.',
      });
    }
  },
});
