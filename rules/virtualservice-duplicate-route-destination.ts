import { defineRule } from '../src/engine/index.ts';
import { fqdn, type Destination } from '../src/graph/index.ts';

const describe = (d: Destination) => `"${d.host}"${d.subset !== undefined ? ` subset "${d.subset}"` : ''}${d.port !== undefined ? ` port ${d.port}` : ''}`;

export const virtualserviceDuplicateRouteDestination = defineRule({
  id: 'virtualservice-duplicate-route-destination',
  severity: 'warning',
  category: 'correctness',
  kiali: 'KIA1105',
  docs: {
    summary: 'One route lists the same host and subset twice among its destinations.',
    description:
      'Each destination of a route is a weighted share of its traffic. Two destinations that resolve to the same host, ' +
      'subset and port are the same upstream cluster: their shares simply add up, so the split written in the route ' +
      '(usually a canary meant to go to another subset) never happens.',
    fix: 'Point one of the destinations at the intended subset or host, or merge them into one destination with the summed weight.',
    bad: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 90
    - destination: {host: reviews.bookinfo.svc.cluster.local, subset: v1}
      weight: 10
`,
    good: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 90
    - destination: {host: reviews, subset: v2}
      weight: 10
`,
    notes:
      'Hosts are compared as istiod resolves them (a short name in the VirtualService\'s namespace equals its FQDN; ' +
      '`name.namespace` is a different host to Istio, unlike in Kiali). Unlike Kiali, destinations with different ports ' +
      'are different clusters and are not reported.',
  },
  check(ctx) {
    const suffix = ctx.graph.mesh.domainSuffix;
    for (const vs of ctx.graph.routing.virtualServices) {
      const routes = new Map<string, Map<string, Destination[]>>();
      for (const d of vs.destinations) {
        if (d.mirror || d.siblings < 2 || !d.host) continue;
        const r = `${d.route}\0${d.routeIndex}`;
        let keys = routes.get(r);
        if (!keys) routes.set(r, (keys = new Map()));
        const k = `${fqdn(d.host, vs.namespace, suffix)}\0${d.subset ?? ''}\0${d.port ?? ''}`;
        const list = keys.get(k);
        if (list) list.push(d);
        else keys.set(k, [d]);
      }
      for (const keys of routes.values()) {
        for (const list of keys.values()) {
          if (list.length < 2) continue;
          for (const d of list) {
            const others = list.filter((o) => o !== d);
            ctx.report({
              resource: vs.resource,
              pointer: `${d.pointer}/host`,
              message: `Destination ${describe(d)} resolves to the same host, subset and port as ${others.length === 1 ? 'another destination' : `${others.length} other destinations`} of this route, so their weights add up on one cluster instead of splitting traffic`,
              related: others.map((o) => ({ resource: vs.resource, pointer: `${o.pointer}/host`, message: `Same destination ${describe(o)}` })),
              fix: 'Point one destination at the intended subset or host, or merge them.',
            });
          }
        }
      }
    }
  },
});
