import { defineRule } from '../src/engine/index.ts';

/** Condition types istiod writes, by kind; a `False` status means it did not (fully) apply the object. */
const WATCHED: Readonly<Record<string, { group: string; types: readonly string[]; parents?: boolean }>> = {
  Service: { group: '', types: ['istio.io/WaypointBound'] },
  ServiceEntry: { group: 'networking.istio.io', types: ['istio.io/WaypointBound'] },
  WorkloadEntry: { group: 'networking.istio.io', types: ['istio.io/WaypointBound'] },
  AuthorizationPolicy: { group: 'security.istio.io', types: ['ZtunnelAccepted', 'WaypointAccepted'] },
  Gateway: { group: 'gateway.networking.k8s.io', types: ['Accepted', 'Programmed', 'ResolvedRefs'] },
  HTTPRoute: { group: 'gateway.networking.k8s.io', types: ['Accepted', 'Programmed', 'ResolvedRefs'], parents: true },
  GRPCRoute: { group: 'gateway.networking.k8s.io', types: ['Accepted', 'Programmed', 'ResolvedRefs'], parents: true },
};

const CASE = (status: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-admin, namespace: shop}
spec:
  action: CUSTOM
  provider: {name: ext-authz}
  rules: [{to: [{operation: {paths: ["/admin*"]}}]}]
status:
  conditions:
  - type: ZtunnelAccepted
    status: "${status}"
    reason: UnsupportedValue
    message: ztunnel does not support the CUSTOM action
`;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export const statusNegativeCondition = defineRule({
  id: 'status-negative-condition',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0171',
  istioAnalyzer: 'conditions.ConditionAnalyzer',
  docs: {
    summary: 'An object read from a cluster carries a status condition in which Istio says it was not applied.',
    description:
      'istiod writes conditions into the status of the objects it reconciles: a Service or ServiceEntry not bound to its ' +
      'waypoint, an AuthorizationPolicy ztunnel or the waypoint cannot enforce, a Gateway API Gateway or route that was not ' +
      'accepted, programmed or whose references do not resolve. With such a condition `False` (or a waypoint policy ' +
      '`PartiallyInvalid`), the traffic it was meant to shape or protect is not.',
    fix: 'Read the condition\'s reason and message, fix the object or what it refers to, and re-apply.',
    bad: CASE('False'),
    good: CASE('True'),
    notes:
      'Only `status` tells this, so it fires on objects exported from a cluster (`kubectl get -o yaml`); manifests in a ' +
      'repository have no status. Conditions of other types (Argo CD, listeners of a Gateway) are not read, as in istioctl analyze.',
  },
  check(ctx) {
    for (const [kind, spec] of Object.entries(WATCHED)) {
      for (const r of ctx.graph.resources.ofKind(kind, spec.group)) {
        const status = r.object?.status;
        if (!status || typeof status !== 'object') continue;
        const lists: [string, unknown][] = spec.parents
          ? (Array.isArray(status.parents) ? status.parents.map((p: any, i: number) => [`/status/parents/${i}/conditions`, p?.conditions] as [string, unknown]) : [])
          : [['/status/conditions', status.conditions]];
        for (const [base, conditions] of lists) {
          if (!Array.isArray(conditions)) continue;
          conditions.forEach((c: any, i: number) => {
            const type = str(c?.type);
            if (!spec.types.includes(type)) return;
            const partial = kind === 'AuthorizationPolicy' && type === 'WaypointAccepted' && c.reason === 'PartiallyInvalid';
            if (str(c.status) !== 'False' && c.status !== false && !partial) return;
            ctx.report({
              resource: r,
              pointer: `${base}/${i}/${partial ? 'reason' : 'status'}`,
              message: `Condition ${type} is ${partial ? 'PartiallyInvalid' : 'False'} (reason ${str(c.reason) || 'unset'}: ${str(c.message) || 'no message'}): this ${kind} is not fully in effect`,
              fix: 'Fix what the condition message names, then re-apply the object.',
            });
          });
        }
      }
    }
  },
});
