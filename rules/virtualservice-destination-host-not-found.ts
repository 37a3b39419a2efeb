import { defineRule } from '../src/engine/index.ts';
import { resolveHost } from '../src/graph/index.ts';

export const virtualserviceDestinationHostNotFound = defineRule({
  id: 'virtualservice-destination-host-not-found',
  severity: 'error',
  category: 'correctness',
  istio: 'IST0101',
  istioAnalyzer: 'virtualservice.DestinationHostAnalyzer',
  kiali: 'KIA1101',
  docs: {
    summary: 'A VirtualService routes or mirrors to a host that is not in the service registry.',
    description:
      'A destination host must be a Kubernetes Service or a ServiceEntry host visible from the VirtualService\'s namespace. ' +
      'Short names are expanded in the VirtualService\'s namespace (`reviews` → `reviews.<ns>.svc.cluster.local`); names ' +
      'with a dot are taken as written, so `reviews.other` is not the Service reviews in namespace other. Traffic routed to ' +
      'an unknown host fails with 503; mirrored copies are dropped.',
    fix: 'Use the Service name (or its full `name.namespace.svc.cluster.local` form), or add a ServiceEntry for an external host.',
    bad: `apiVersion: v1
kind: Service
metadata: {name: ratings, namespace: bookinfo}
spec:
  selector: {app: ratings}
  ports: [{name: http, port: 9080}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ratings, namespace: bookinfo}
spec:
  hosts: [ratings]
  http:
  - route:
    - destination: {host: rating}
`,
    good: `apiVersion: v1
kind: Service
metadata: {name: ratings, namespace: bookinfo}
spec:
  selector: {app: ratings}
  ports: [{name: http, port: 9080}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ratings, namespace: bookinfo}
spec:
  hosts: [ratings]
  http:
  - route:
    - destination: {host: ratings}
`,
    notes:
      'Kiali expands `name.namespace` to a cluster host; istiod does not, and neither does meshlint. Visibility follows ' +
      'exportTo (the `networking.istio.io/exportTo` annotation on Services, MeshConfig defaults) and the VirtualService\'s ' +
      'own exportTo, as istioctl analyze does. A host in a namespace with nothing in the inputs is unknown (reported under --closed-world).',
  },
  check(ctx) {
    for (const vs of ctx.graph.routing.virtualServices) {
      for (const d of vs.destinations) {
        const res = resolveHost(ctx.graph, d.host, vs.namespace, vs.exportTo);
        if (res.state === 'resolved' || (res.state === 'unknown' && !ctx.closedWorld && d.host)) continue;
        const hidden = ctx.graph.services.registry.withHost(d.host).filter((s) => !s.synthetic);
        const short = /^([^.*]+)\.([^.]+)(\.svc)?$/.exec(d.host);
        const why = hidden.length
          ? ` (${hidden[0].kind} ${hidden[0].namespace}/${hidden[0].name} is not exported to namespace "${vs.namespace}")`
          : short && ctx.graph.services.registry.service(short[2], short[1])
            ? ` (istiod does not expand "${d.host}"; write "${short[1]}.${short[2]}.svc.${ctx.graph.mesh.domainSuffix}")`
            : '';
        ctx.report({
          resource: vs.resource,
          pointer: d.host ? `${d.pointer}/host` : d.pointer,
          message: `${d.mirror ? 'Mirror host' : 'Destination host'} "${d.host}" matches no Service or ServiceEntry${why}, so ${d.mirror ? 'mirrored requests are dropped' : 'requests routed here fail with 503'}`,
          related: hidden.map((s) => ({ resource: s.resource, message: `${s.kind} ${s.namespace}/${s.name} is exported to ${s.exportTo.join(', ')}` })),
          fix: 'Name an existing Service (short name in this namespace, or name.namespace.svc.cluster.local), or add a ServiceEntry.',
        });
      }
    }
  },
});
