import { defineRule } from '../src/engine/index.ts';
import type { VirtualServiceInfo } from '../src/graph/index.ts';

export const virtualserviceSubsetIgnoredAtGateway = defineRule({
  id: 'virtualservice-subset-ignored-at-gateway',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0140',
  istioAnalyzer: 'virtualservice.DestinationHostAnalyzer',
  docs: {
    summary: 'A gateway route skips the subset routing another VirtualService defines for the same host.',
    description:
      'A gateway applies only the VirtualServices bound to it. When a gateway VirtualService routes to a host without a ' +
      'subset while a mesh VirtualService splits that host by subset, requests entering through the gateway go straight to ' +
      'all pods of the service: the version split (canary, pinning) does not apply to them.',
    fix: 'Route to the subsets in the gateway VirtualService too, or bind the subset VirtualService to the gateway as well.',
    bad: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: edge, namespace: bookinfo}
spec:
  hosts: ["reviews.example.com"]
  gateways: [public]
  http:
  - route:
    - destination: {host: reviews}
`,
    good: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: edge, namespace: bookinfo}
spec:
  hosts: ["reviews.example.com"]
  gateways: [public]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
`,
    notes: 'As istioctl analyze, hosts are compared as written. Unlike it, a VirtualService bound only to `mesh` is not a gateway route and is not reported, ' +
      'nor is a subset-less route of the VirtualService that defines the split itself.',
  },
  check(ctx) {
    // Hosts that some VirtualService routes by subset for itself: host as written → those VirtualServices.
    const bySubset = new Map<string, VirtualServiceInfo[]>();
    for (const vs of ctx.graph.routing.virtualServices) {
      const own = new Set(vs.hosts);
      for (const d of vs.destinations) {
        if (d.route !== 'http' || d.mirror || d.subset === undefined || !own.has(d.host)) continue;
        const list = bySubset.get(d.host) ?? [];
        if (!list.includes(vs)) list.push(vs);
        bySubset.set(d.host, list);
      }
    }
    for (const vs of ctx.graph.routing.virtualServices) {
      if (!vs.gateways.some((g) => g.value !== 'mesh')) continue;
      for (const d of vs.destinations) {
        if (d.route !== 'http' || d.mirror || d.subset !== undefined) continue;
        for (const other of bySubset.get(d.host) ?? []) {
          if (other === vs) continue; // its own subset-less route is a choice made beside the split, not a bypass of it
          ctx.report({
            resource: vs.resource,
            pointer: `${d.pointer}/host`,
            message: `VirtualService "${other.namespace}/${other.name}" routes "${d.host}" by subset, but requests through this gateway route go to every pod of it`,
            related: [{ resource: other.resource, pointer: '/spec/hosts', message: `VirtualService ${other.namespace}/${other.name} routes ${d.host} by subset` }],
            fix: 'Route to a subset here too, or bind the subset VirtualService to this gateway.',
            discriminator: `${other.namespace}/${other.name}`,
          });
        }
      }
    }
  },
});
