import type { Resource } from '../src/core/index.ts';
import { defineRule } from '../src/engine/index.ts';
import { security } from '../src/graph/security/index.ts';
import { waypoints } from '../src/graph/waypoints.ts';
import { AMBIENT_POLICY_KINDS, l7Pointer } from './_ambient.ts';

/** What a policy nobody applies fails to do, by kind (for messages). */
const LOST: Record<string, string> = {
  AuthorizationPolicy: 'nothing enforces this policy',
  RequestAuthentication: 'nothing validates JWTs for it',
  WasmPlugin: 'the plugin never runs',
  Telemetry: 'these telemetry settings do nothing',
};

const SERVICE_KINDS: Record<string, string> = { Service: '', ServiceEntry: 'networking.istio.io' };

/** `spec.targetRef` and each `spec.targetRefs[i]`, with the pointer of its name. */
function targetRefs(spec: Record<string, any>): { kind: string; group: string; name: string; pointer: string }[] {
  const out: { kind: string; group: string; name: string; pointer: string }[] = [];
  const add = (ref: any, at: string) => {
    if (ref && typeof ref === 'object' && typeof ref.kind === 'string' && typeof ref.name === 'string') {
      out.push({ kind: ref.kind, group: typeof ref.group === 'string' ? ref.group : '', name: ref.name, pointer: `${at}/name` });
    }
  };
  add(spec.targetRef, '/spec/targetRef');
  if (Array.isArray(spec.targetRefs)) spec.targetRefs.forEach((ref: unknown, i: number) => add(ref, `/spec/targetRefs/${i}`));
  return out;
}

const CASE = (label: string) => `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio.io/dataplane-mode: ambient${label}}}
---
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: reviews-get, namespace: shop}
spec:
  targetRefs: [{kind: Service, group: "", name: reviews}]
  rules: [{to: [{operation: {methods: [GET]}}]}]
`;

export const ambientPolicyTargetWithoutWaypoint = defineRule({
  id: 'ambient-policy-target-without-waypoint',
  severity: 'warning',
  category: 'correctness',
  kiali: 'KIA0109',
  docs: {
    summary: 'A policy names an ambient Service with targetRefs, but the Service uses no waypoint.',
    description:
      'A policy that targets a Service or ServiceEntry is applied by the waypoint the Service is enrolled in with ' +
      '`istio.io/use-waypoint` (on the Service or its namespace). An ambient Service without a waypoint is reached ' +
      'through ztunnel only, so the AuthorizationPolicy, RequestAuthentication, WasmPlugin or Telemetry is applied by nothing.',
    fix: 'Label the Service or its namespace with `istio.io/use-waypoint: <waypoint>`.',
    bad: CASE(''),
    good: CASE(', istio.io/use-waypoint: waypoint'),
    notes:
      'Codes: KIA0109 (L7 AuthorizationPolicy), KIA1110 (RequestAuthentication), KIA1111 (WasmPlugin), KIA1112 (L7 ' +
      'Telemetry). An AuthorizationPolicy without HTTP fields is reported too (a Service-targeted policy is enforced by ' +
      'the waypoint alone), without a Kiali code; a Telemetry without L7 settings is not. Policies bound with a selector ' +
      'are ambient-policy-without-targetrefs\'s; targets of kind Gateway (the waypoint itself) are fine; Kiali also ' +
      'checks selected workloads and the namespace, which that rule covers.',
  },
  check(ctx) {
    const g = ctx.graph;
    const wps = g.facet(waypoints);
    const sec = g.facet(security);
    for (const { kind, group, targetCode } of AMBIENT_POLICY_KINDS) {
      for (const r of g.resources.ofKind(kind, group)) {
        const spec = r.object?.spec;
        if (!spec || typeof spec !== 'object' || !wps.ambient(r.namespace)) continue;
        const refs = targetRefs(spec);
        if (!refs.length) continue;
        const l7 = kind === 'AuthorizationPolicy' || kind === 'Telemetry' ? l7Pointer(r, kind, spec, sec) !== undefined : true;
        if (kind === 'Telemetry' && !l7) continue;
        for (const ref of refs) {
          if (SERVICE_KINDS[ref.kind] === undefined || (ref.group !== SERVICE_KINDS[ref.kind] && !(ref.kind === 'Service' && ref.group === 'core'))) continue;
          const target: Resource | undefined = g.resources.get(SERVICE_KINDS[ref.kind], ref.kind, r.namespace, ref.name);
          const svc = target && g.services.of(target);
          if (!svc || wps.forService(svc).state !== 'none') continue;
          ctx.report({
            resource: r,
            pointer: ref.pointer,
            message: `${ref.kind} "${r.namespace}/${ref.name}" is in ambient mode without a waypoint, the only proxy that applies this ${kind} to it: ${LOST[kind]}`,
            related: [{ resource: svc.resource, pointer: '/metadata/name', message: `${ref.kind} ${r.namespace}/${ref.name}` }],
            codes: { kiali: l7 ? targetCode : undefined },
            fix: `Label ${ref.kind} "${ref.name}" or namespace "${r.namespace}" with istio.io/use-waypoint: <waypoint>.`,
          });
        }
      }
    }
  },
});
