import { defineRule } from '../src/engine/index.ts';
import { security } from '../src/graph/security/index.ts';
import { waypoints } from '../src/graph/waypoints.ts';

const CASE = (ns: string) => `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {${ns}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ratings, namespace: shop}
spec:
  selector: {matchLabels: {app: ratings}}
  template:
    metadata: {labels: {app: ratings, istio.io/use-waypoint: waypoint}}
    spec: {containers: [{name: ratings, image: ratings:1}]}
`;

export const workloadWaypointWithoutAmbient = defineRule({
  id: 'workload-waypoint-without-ambient',
  severity: 'warning',
  category: 'correctness',
  kiali: 'KIA1312',
  docs: {
    summary: 'A workload asks for a waypoint but is not in ambient mode.',
    description:
      'Waypoints serve ambient workloads: traffic reaches them through ztunnel. A pod that gets a sidecar, or is in ' +
      'no data plane at all, is not captured by ztunnel, so its `istio.io/use-waypoint` label has no effect and the ' +
      'L7 policies attached to that waypoint do not apply to it.',
    fix: 'Remove the label, or put the workload in ambient mode (`istio.io/dataplane-mode: ambient` on it or its namespace).',
    bad: CASE('istio-injection: enabled'),
    good: CASE('istio.io/dataplane-mode: ambient'),
    notes:
      'Kiali reads the pods; this rule reads the pod template and the namespace labels, and reports only the ' +
      'workload\'s own label (a namespace label is inherited by every workload). Workloads whose namespace labels are ' +
      'unknown are reported only under --closed-world.',
  },
  check(ctx) {
    const g = ctx.graph;
    const sec = g.facet(security);
    const wps = g.facet(waypoints);
    for (const w of g.workloads.all()) {
      if (w.synthetic || w.labels['istio.io/use-waypoint'] === undefined) continue;
      const use = wps.forWorkload(w);
      if (use.state !== 'waypoint') continue;
      const s = sec.sidecar(w);
      if (s.mode === 'ambient' || s.mode === 'gateway' || s.mode === 'vm' || s.mode === 'control-plane') continue;
      if (s.state === 'unknown' && !ctx.closedWorld) continue;
      const dataplane = s.state === 'in' ? `gets a sidecar (${s.reason})` : s.state === 'out' ? `has no proxy (${s.reason})` : `may not be in ambient mode (${s.reason})`;
      ctx.report({
        resource: w.resource,
        pointer: use.label.pointer,
        key: true,
        message: `${w.kind} "${w.namespace}/${w.name}" uses waypoint "${use.namespace}/${use.name}" but ${dataplane}: ztunnel does not capture it, so the label has no effect`,
        related: s.evidence ? [{ resource: s.evidence.resource, pointer: s.evidence.pointer, message: s.reason }] : undefined,
        fix: 'Remove the istio.io/use-waypoint label, or enroll the workload in ambient mode.',
      });
    }
  },
});
