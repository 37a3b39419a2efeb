import { defineRule } from '../src/engine/index.ts';
import type { Workload } from '../src/graph/index.ts';
import { livePod, proxyContainer, security } from '../src/graph/security/index.ts';

const CASE = (optOut: string) => `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart${optOut}}}
    spec: {containers: [{name: cart, image: cart:1}]}
`;
const NO_CODES = { istio: undefined, istioAnalyzer: undefined };
const optedOut = (w: Workload) => {
  const v = w.labels['sidecar.istio.io/inject'] ?? w.annotations['sidecar.istio.io/inject'];
  return v !== undefined && v.toLowerCase() === 'false';
};

export const workloadMissingSidecar = defineRule({
  id: 'workload-missing-sidecar',
  severity: 'warning',
  category: 'security',
  istio: 'IST0103',
  istioAnalyzer: 'injection.Analyzer',
  docs: {
    summary: 'A workload in an injected namespace runs without a sidecar.',
    description:
      'A Pod in a namespace with `istio-injection=enabled` that has no `istio-proxy` container was created before the label ' +
      'was set (or while the injector was down): it sends plaintext and no mesh policy applies to it until it is recreated. ' +
      'A pod template that opts out with `sidecar.istio.io/inject: "false"` in such a namespace is reported as info: its pods ' +
      'cannot call services whose PeerAuthentication is STRICT.',
    fix: 'Restart the workload so the injector adds the sidecar, or drop the opt-out label if the workload should be in the mesh.',
    bad: CASE(', sidecar.istio.io/inject: "false"'),
    good: CASE(''),
    notes:
      'IST0103 is about Pods that exist: a Pod manifest in an injected namespace gets its sidecar when it is created, so it is ' +
      'reported only when it was read from a cluster (uid or status) or under --closed-world (as istioctl analyze does). ' +
      'Opted-out pod templates carry no Istio code (istioctl analyze skips them).',
  },
  check(ctx) {
    const g = ctx.graph;
    const sec = g.facet(security);
    for (const w of g.workloads.all()) {
      if (w.synthetic || w.kind === 'WorkloadEntry' || w.kind === 'WorkloadGroup') continue;
      const ns = sec.namespace(w.namespace);
      if (ns.mode !== 'sidecar') continue;
      if (optedOut(w)) {
        ctx.report({
          resource: w.resource,
          pointer: sec.sidecar(w).evidence?.pointer ?? '/metadata/name',
          message: `${w.kind} "${w.name}" opts out of sidecar injection in namespace "${w.namespace}", which is injected: its pods run outside the mesh, so services with STRICT mTLS reset its connections`,
          related: ns.evidence ? [{ ...ns.evidence, message: `Namespace ${w.namespace} enables injection` }] : undefined,
          severity: 'info',
          codes: NO_CODES,
          fix: 'Remove sidecar.istio.io/inject: "false" if the workload calls or serves mesh services.',
        });
        continue;
      }
      if (w.kind !== 'Pod' || ns.revision !== undefined || ns.byDefault || (!ctx.closedWorld && !livePod(w))) continue;
      const proxy = proxyContainer(w);
      if ((proxy && proxy.image) || w.podSpec?.hostNetwork === true) continue;
      ctx.report({
        resource: w.resource,
        pointer: '/spec/containers',
        key: true,
        message: `Pod "${w.name}" in injected namespace "${w.namespace}" has no istio-proxy container: it was created without a sidecar and sends plaintext until it is recreated`,
        related: ns.evidence ? [{ ...ns.evidence, message: `Namespace ${w.namespace} enables injection` }] : undefined,
        fix: 'Delete the pod (or restart its workload) so the injector adds the sidecar.',
      });
    }
  },
});
