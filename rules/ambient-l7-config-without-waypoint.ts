import type { Resource } from '../src/core/index.ts';
import { defineRule, type RuleContext } from '../src/engine/index.ts';
import { ambientNamespace, visibleFrom, type MeshService } from '../src/graph/index.ts';

const USE = 'istio.io/use-waypoint';
const USE_NS = 'istio.io/use-waypoint-namespace';
const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;

/** The first setting of a traffic policy only an L7 proxy applies: HTTP consistent hashing, HTTP pool, outlier detection. */
function l7Policy(tp: unknown, at: string): string | undefined {
  if (!isMap(tp)) return undefined;
  const hash = tp.loadBalancer?.consistentHash;
  if (isMap(hash) && (hash.httpHeaderName !== undefined || hash.httpCookie !== undefined || hash.httpQueryParameterName !== undefined)) return `${at}/loadBalancer/consistentHash`;
  if (isMap(tp.connectionPool) && tp.connectionPool.http !== undefined) return `${at}/connectionPool/http`;
  if (tp.outlierDetection !== undefined) return `${at}/outlierDetection`;
  const ports = Array.isArray(tp.portLevelSettings) ? tp.portLevelSettings : [];
  for (let i = 0; i < ports.length; i++) {
    const p = l7Policy(ports[i], `${at}/portLevelSettings/${i}`);
    if (p) return p;
  }
  return undefined;
}

function l7DestinationRule(spec: Record<string, any>): string | undefined {
  const top = l7Policy(spec.trafficPolicy, '/spec/trafficPolicy');
  if (top) return top;
  const subsets = Array.isArray(spec.subsets) ? spec.subsets : [];
  for (let i = 0; i < subsets.length; i++) {
    const p = l7Policy(subsets[i]?.trafficPolicy, `/spec/subsets/${i}/trafficPolicy`);
    if (p) return p;
  }
  return undefined;
}

/** The waypoint a Service in an ambient namespace uses: `none` (not enrolled) or the waypoint's namespace. */
function waypointOf(ctx: RuleContext, s: MeshService): { none: true } | { none: false; namespace: string } | undefined {
  const nsLabels = ctx.graph.namespaces.labels(s.namespace);
  if (!ambientNamespace(nsLabels)) return undefined;
  const own = s.resource.labels;
  const from = own[USE] !== undefined ? own : nsLabels;
  const name = from[USE];
  if (!name || name === 'none') return { none: true };
  return { none: false, namespace: from[USE_NS] || s.namespace };
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
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: shop}
spec:
  host: reviews
  trafficPolicy: {outlierDetection: {consecutive5xxErrors: 3}}
`;

export const ambientL7ConfigWithoutWaypoint = defineRule({
  id: 'ambient-l7-config-without-waypoint',
  severity: 'warning',
  category: 'correctness',
  kiali: 'KIA0211',
  docs: {
    summary: 'L7 routing or traffic policy for an ambient Service is not applied by a waypoint.',
    description:
      'Ambient clients reach a Service through ztunnel, which applies no VirtualService HTTP/TLS routes and no L7 ' +
      'DestinationRule settings (HTTP consistent hashing, HTTP connection pool, outlier detection). They take effect ' +
      'only in the waypoint the Service or its namespace enrolls with `istio.io/use-waypoint`, and the waypoint reads ' +
      'DestinationRules as a client in its own namespace and VirtualServices exported to that namespace. Otherwise only ' +
      'sidecar clients and gateways apply them.',
    fix: 'Label the Service or its namespace with `istio.io/use-waypoint: <waypoint>`, or move the resource next to the Service.',
    bad: CASE(''),
    good: CASE(', istio.io/use-waypoint: waypoint'),
    notes:
      'Codes: KIA0211 (DestinationRule) and KIA1113 (VirtualService) when the Service is not enrolled; KIA0212 and ' +
      'KIA1114 when it is but the waypoint does not read the resource. Kiali flags every such resource in another ' +
      'namespace than the Service; following istiod, this rule flags a DestinationRule only when the rule istiod picks ' +
      'for the waypoint\'s namespace is another one, and a VirtualService only when it is not exported there. Only ' +
      'Kubernetes Services in ambient namespaces are considered.',
  },
  check(ctx) {
    const g = ctx.graph;
    const ambientAny = g.namespaces.all().some((ns) => ambientNamespace(ns.labels));
    if (!ambientAny) return;
    const services = (host: string, ns: string) => (host.startsWith('*') ? [] : g.services.registry.lookup(host, ns).filter((s) => s.kind === 'Service' && !s.synthetic));
    for (const dr of g.routing.destinationRules) {
      const spec = dr.resource.object?.spec;
      const l7 = isMap(spec) ? l7DestinationRule(spec) : undefined;
      if (!l7) continue;
      for (const s of services(dr.host, dr.namespace)) {
        const wp = waypointOf(ctx, s);
        if (!wp) continue;
        if (wp.none) {
          report(ctx, dr.resource, '/spec/host', s, 'KIA0211', `DestinationRule sets ${l7.split('trafficPolicy/').pop()!.replace(/\//g, '.')} for Service "${s.namespace}/${s.name}", which is in ambient mode without a waypoint: ztunnel ignores it and only sidecar clients and gateways apply it`);
        } else if (dr.namespace !== s.namespace && !g.routing.destinationRulesFor(s.hosts[0] ?? dr.fqdn, wp.namespace).includes(dr)) {
          report(ctx, dr.resource, '/spec/host', s, 'KIA0212', `DestinationRule in namespace "${dr.namespace}" is not the rule the waypoint of Service "${s.namespace}/${s.name}" (in namespace "${wp.namespace}") picks, so the waypoint ignores its L7 settings`);
        }
        break;
      }
    }
    for (const vs of g.routing.virtualServices) {
      const spec = vs.resource.object?.spec;
      if (!vs.meshBound || !isMap(spec) || (!nonEmpty(spec.http) && !nonEmpty(spec.tls))) continue;
      vs.hosts.forEach((host, i) => {
        for (const s of services(host, vs.namespace)) {
          const wp = waypointOf(ctx, s);
          if (!wp) continue;
          if (wp.none) {
            report(ctx, vs.resource, `/spec/hosts/${i}`, s, 'KIA1113', `Service "${s.namespace}/${s.name}" is in ambient mode without a waypoint: ztunnel ignores this VirtualService's routes and only sidecar clients apply them`);
          } else if (!visibleFrom(vs.scopes, wp.namespace)) {
            report(ctx, vs.resource, `/spec/hosts/${i}`, s, 'KIA1114', `VirtualService is not exported to namespace "${wp.namespace}" of the waypoint of Service "${s.namespace}/${s.name}", so the waypoint ignores its routes`);
          }
          break;
        }
      });
    }
  },
});

function report(ctx: RuleContext, resource: Resource, pointer: string, s: MeshService, code: string, message: string): void {
  const enroll = code === 'KIA0211' || code === 'KIA1113';
  ctx.report({
    resource,
    pointer,
    message,
    related: [{ resource: s.resource, pointer: '/metadata/name', message: `Service ${s.namespace}/${s.name}` }],
    codes: code === 'KIA0211' ? undefined : { kiali: code },
    fix: enroll ? `Label Service "${s.name}" or namespace "${s.namespace}" with istio.io/use-waypoint: <waypoint>.` : `Move it to namespace "${s.namespace}".`,
  });
}
