import type { Resource } from '../src/core/index.ts';
import { defineRule, type RuleContext } from '../src/engine/index.ts';
import { refState } from '../src/graph/index.ts';
import { waypoints, type WaypointUse } from '../src/graph/waypoints.ts';

const GATEWAY_NAME = 'gateway.networking.k8s.io/gateway-name';
/** `istio.io/waypoint-for` values that accept traffic addressed to a Service, and to a workload. */
const FOR_SERVICE = new Set(['service', 'all']);
const FOR_WORKLOAD = new Set(['workload', 'all']);

const CASE = (gateway: boolean) => `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint}}
${gateway ? `---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: waypoint, namespace: shop}
spec:
  gatewayClassName: istio-waypoint
  listeners: [{name: mesh, port: 15008, protocol: HBONE}]
` : `---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: ingress, namespace: shop}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP}]
`}`;

export const waypointNotFound = defineRule({
  id: 'waypoint-not-found',
  severity: 'error',
  category: 'correctness',
  kiali: 'KIA1313',
  docs: {
    summary: 'An `istio.io/use-waypoint` label names a waypoint that does not exist or does not take that traffic.',
    description:
      'A namespace, Service, ServiceEntry or pod enrolls in a waypoint by naming a Kubernetes Gateway of class ' +
      '`istio-waypoint` (in its own namespace, or in `istio.io/use-waypoint-namespace`). When that Gateway does not ' +
      'exist, is an ingress Gateway, or its `istio.io/waypoint-for` excludes the kind of traffic (service traffic for ' +
      'namespaces and Services, workload traffic for pods), no waypoint handles the traffic: its L7 policies and routes ' +
      'are not applied.',
    fix: 'Create the waypoint (`istioctl waypoint apply -n <namespace>`) or correct the label to an existing one.',
    bad: CASE(false),
    good: CASE(true),
    notes:
      'Kiali reports KIA1313 on workloads whose pods carry the label; the same check on Namespaces, Services and ' +
      'ServiceEntries carries no Kiali code. A waypoint counts as present when its Gateway or a workload labelled ' +
      `\`${GATEWAY_NAME}\` with its name is among the inputs. With no Gateway API Gateway among the inputs, or nothing ` +
      'in the waypoint\'s namespace, the waypoint is unknown and reported only under --closed-world.',
  },
  check(ctx) {
    const g = ctx.graph;
    const wps = g.facet(waypoints);
    const check = (use: WaypointUse, forWorkload: boolean, code?: string) => {
      if (use.state !== 'waypoint') return;
      const found = wps.gateway(use);
      const deployed = !found && g.workloads.select({ labels: { [GATEWAY_NAME]: use.name }, expressions: [] }, use.namespace).length > 0;
        let problem: string | undefined;
      if (!found && !deployed) {
        const state = refState(false, g.gateways.kubeLoaded, g.namespaces.has(use.namespace));
        if (state === 'unknown' && !ctx.closedWorld) return;
        problem = 'it does not exist';
      } else if (found && !found.waypointClass && found.resource.object?.spec?.gatewayClassName === 'istio') {
        problem = 'that Gateway is an ingress gateway (class "istio")';
      } else if (found) {
        const mode = String(found.resource.labels['istio.io/waypoint-for'] ?? 'service');
        if (!(forWorkload ? FOR_WORKLOAD : FOR_SERVICE).has(mode)) problem = `it has istio.io/waypoint-for: ${mode} and takes no ${forWorkload ? 'workload' : 'service'} traffic`;
      }
      if (problem) report(ctx, use, problem, found?.resource, code);
    };
    for (const ns of g.namespaces.all()) if (ns.resource) check(wps.forNamespace(ns.name), false);
    for (const s of g.services.all()) if (!s.synthetic && s.resource.labels['istio.io/use-waypoint'] !== undefined) check(wps.forService(s), false);
    for (const w of g.workloads.all()) if (!w.synthetic && w.labels['istio.io/use-waypoint'] !== undefined) check(wps.forWorkload(w), true, 'KIA1313');
  },
});

function report(ctx: RuleContext, use: Extract<WaypointUse, { state: 'waypoint' }>, problem: string, gateway: Resource | undefined, code?: string): void {
  const r = use.label.resource;
  ctx.report({
    resource: r,
    pointer: use.label.pointer,
    message: `${r.kind} "${r.namespace ? `${r.namespace}/` : ''}${r.name}" uses waypoint "${use.namespace}/${use.name}", but ${problem}: no waypoint handles its traffic, so its L7 policies and routes are not applied`,
    related: gateway ? [{ resource: gateway, pointer: '/metadata/name', message: `Gateway ${use.namespace}/${use.name}` }] : undefined,
    codes: { kiali: code },
    fix: 'Create the waypoint with `istioctl waypoint apply`, or correct the label.',
  });
}
