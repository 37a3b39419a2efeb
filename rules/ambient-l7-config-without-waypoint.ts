import type { Resource } from '../src/core/index.ts';
import { defineRule, type RuleContext } from '../src/engine/index.ts';
import { ambientNamespace, visibleFrom, type MeshService } from '../src/graph/index.ts';
import { waypoints, type Waypoints } from '../src/graph/waypoints.ts';

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
    summary: 'L7 routing or traffic policy meant for ambient traffic is applied by no waypoint.',
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
      'Codes: KIA0211 (DestinationRule) and KIA1113 (VirtualService) when the ambient Service is not enrolled; KIA0212 ' +
      'and KIA1114 when it is but the waypoint does not read the resource; KIA0210 and KIA1109 when the host is no ' +
      'ambient Service but the resource sits in an ambient namespace without a waypoint whose ztunnel clients alone ' +
      'would apply it. Kiali flags every such resource in another namespace than the Service; following istiod, this ' +
      'rule flags a DestinationRule only when the rule istiod picks for the waypoint\'s namespace is another one, and a ' +
      'VirtualService only when it is not exported there. For KIA0210/KIA1109 Kiali also flags rules that sidecar ' +
      'clients of other namespaces still apply (a DestinationRule next to its ServiceEntry, a VirtualService exported ' +
      'elsewhere); this rule does not. Only Kubernetes Services count as ambient destinations.',
  },
  check(ctx) {
    const g = ctx.graph;
    if (!g.namespaces.all().some((ns) => ambientNamespace(ns.labels))) return;
    const wps = g.facet(waypoints);
    const services = (host: string, ns: string) => (host.startsWith('*') ? [] : g.services.registry.lookup(host, ns).filter((s) => !s.synthetic));
    for (const dr of g.routing.destinationRules) {
      const spec = dr.resource.object?.spec;
      const l7 = isMap(spec) ? l7DestinationRule(spec) : undefined;
      if (!l7) continue;
      const what = l7.split('trafficPolicy/').pop()!.replace(/\//g, '.');
      const found = services(dr.host, dr.namespace);
      const s = found.find((x) => x.kind === 'Service' && wps.ambient(x.namespace));
      const wp = s && wps.forService(s);
      if (s && wp?.state === 'none') {
        report(ctx, dr.resource, '/spec/host', s, 'KIA0211', `DestinationRule sets ${what} for Service "${s.namespace}/${s.name}", which is in ambient mode without a waypoint: ztunnel ignores it and only sidecar clients and gateways apply it`);
      } else if (s && wp?.state === 'waypoint' && dr.namespace !== s.namespace && !g.routing.destinationRulesFor(s.hosts[0] ?? dr.fqdn, wp.namespace).includes(dr)) {
        report(ctx, dr.resource, '/spec/host', s, 'KIA0212', `DestinationRule in namespace "${dr.namespace}" is not the rule the waypoint of Service "${s.namespace}/${s.name}" (in namespace "${wp.namespace}") picks, so the waypoint ignores its L7 settings`);
      } else if (!s && found.length && onlyAmbientClients(wps, dr.namespace, found, g.mesh.rootNamespace)) {
        report(ctx, dr.resource, '/spec/host', undefined, 'KIA0210', `Namespace "${dr.namespace}" is in ambient mode without a waypoint and only its clients pick this DestinationRule: they reach "${dr.host}" through ztunnel, which ignores ${what}`);
      }
    }
    for (const vs of g.routing.virtualServices) {
      const spec = vs.resource.object?.spec;
      if (!vs.meshBound || !isMap(spec) || (!nonEmpty(spec.http) && !nonEmpty(spec.tls))) continue;
      let ambientHost = false;
      vs.hosts.forEach((host, i) => {
        const s = services(host, vs.namespace).find((x) => x.kind === 'Service' && wps.ambient(x.namespace));
        if (!s) return;
        ambientHost = true;
        const wp = wps.forService(s);
        if (wp.state === 'none') {
          report(ctx, vs.resource, `/spec/hosts/${i}`, s, 'KIA1113', `Service "${s.namespace}/${s.name}" is in ambient mode without a waypoint: ztunnel ignores this VirtualService's routes and only sidecar clients apply them`);
        } else if (!visibleFrom(vs.scopes, wp.namespace)) {
          report(ctx, vs.resource, `/spec/hosts/${i}`, s, 'KIA1114', `VirtualService is not exported to namespace "${wp.namespace}" of the waypoint of Service "${s.namespace}/${s.name}", so the waypoint ignores its routes`);
        }
      });
      const own = vs.scopes.every((ns) => ns === vs.namespace);
      if (!ambientHost && own && vs.hosts.length && onlyAmbientClients(wps, vs.namespace, [], g.mesh.rootNamespace)) {
        report(ctx, vs.resource, Array.isArray(spec.exportTo) ? '/spec/exportTo' : '/metadata/namespace', undefined, 'KIA1109', `Namespace "${vs.namespace}" is in ambient mode without a waypoint and this VirtualService is exported only there: its clients go through ztunnel, which ignores its routes`);
      }
    }
  },
});

/**
 * True when only the ambient clients of a namespace without a waypoint apply a rule: the namespace is ambient and
 * not enrolled, it is not the root namespace, and it holds none of the services (their rules reach other clients).
 */
function onlyAmbientClients(wps: Waypoints, ns: string, services: readonly MeshService[], root: string): boolean {
  if (ns === root || !wps.ambient(ns) || services.some((s) => s.namespace === ns)) return false;
  return wps.forNamespace(ns).state === 'none';
}

function report(ctx: RuleContext, resource: Resource, pointer: string, s: MeshService | undefined, code: string, message: string): void {
  const enroll = code === 'KIA0211' || code === 'KIA1113';
  const ns = s?.namespace ?? resource.namespace;
  ctx.report({
    resource,
    pointer,
    message,
    related: s && [{ resource: s.resource, pointer: '/metadata/name', message: `${s.kind} ${s.namespace}/${s.name}` }],
    codes: code === 'KIA0211' ? undefined : { kiali: code },
    fix: s && !enroll ? `Move it to namespace "${s.namespace}".` : `Label ${s ? `Service "${s.name}" or ` : ''}namespace "${ns}" with istio.io/use-waypoint: <waypoint>.`,
  });
}
