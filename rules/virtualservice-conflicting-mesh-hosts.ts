import { defineRule } from '../src/engine/index.ts';
import { coveringWildcards, fqdn, hostsOverlap, type VirtualServiceInfo } from '../src/graph/index.ts';

interface Entry {
  vs: VirtualServiceInfo;
  host: string;
  index: number;
}

export const virtualserviceConflictingMeshHosts = defineRule({
  id: 'virtualservice-conflicting-mesh-hosts',
  severity: 'error',
  category: 'correctness',
  istio: 'IST0109',
  istioAnalyzer: 'virtualservice.ConflictingMeshGatewayHostsAnalyzer',
  kiali: 'KIA1106',
  docs: {
    summary: 'Two VirtualServices for the mesh define the same host in overlapping namespaces.',
    description:
      'Sidecars take one VirtualService per host. When two mesh-bound VirtualServices (no `gateways`, or `mesh` among them) ' +
      'define the same host and are exported to a common namespace, which one is used there is undefined, and the routes of ' +
      'the other are silently ignored. VirtualServices exported to disjoint namespaces do not conflict.',
    fix: 'Merge the two VirtualServices into one, or narrow their exportTo to different namespaces.',
    bad: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: reviews, subset: v1}}]}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews-canary, namespace: bookinfo}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: reviews, subset: v2}}]}]
`,
    good: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - match: [{headers: {end-user: {exact: jason}}}]
    route: [{destination: {host: reviews, subset: v2}}]
  - route: [{destination: {host: reviews, subset: v1}}]
`,
    notes:
      'Follows istioctl analyze: hosts are compared per exportTo scope after expanding short names; a VirtualService exported ' +
      'everywhere also conflicts with a namespace-scoped one whose host it covers by wildcard. Kiali\'s KIA1106 additionally ' +
      'groups VirtualServices per gateway; gateway-bound duplicates are merged by Istio and are not reported.',
  },
  check(ctx) {
    const domain = ctx.graph.mesh.domainSuffix;
    const byKey = new Map<string, Entry[]>();
    const publicUnder = new Map<string, Entry[]>();
    const add = (map: Map<string, Entry[]>, k: string, e: Entry) => {
      const list = map.get(k);
      if (list) list.push(e);
      else map.set(k, [e]);
    };
    for (const vs of ctx.graph.routing.virtualServices) {
      if (!vs.meshBound) continue;
      const scopes = vs.exportTo.length === 0 || vs.exportTo.includes('*') ? ['*'] : [...new Set(vs.exportTo.map((e) => (e === '.' ? vs.namespace : e)))];
      vs.hosts.forEach((h, index) => {
        const host = fqdn(h, vs.namespace, domain);
        for (const s of scopes) add(byKey, `${s}/${host}`, { vs, host, index });
        if (scopes[0] === '*') for (const w of [host, ...coveringWildcards(host)]) add(publicUnder, w, { vs, host, index });
      });
    }
    const reported = new Set<VirtualServiceInfo>();
    for (const [key, own] of byKey) {
      const slash = key.indexOf('/');
      const scope = key.slice(0, slash);
      const host = key.slice(slash + 1);
      const group = [...own];
      // A namespace-scoped host also meets every public VirtualService whose host overlaps it.
      if (scope !== '*') for (const e of [...(publicUnder.get(host) ?? []), ...publicCovering(host)]) if (hostsOverlap(e.host, host) && !group.some((g) => g.vs === e.vs)) group.push(e);
      const distinct = [...new Set(group.map((e) => e.vs))];
      if (distinct.length < 2) continue;
      const names = distinct.map((v) => `${v.namespace}/${v.name}`).sort();
      for (const e of group) {
        if (reported.has(e.vs)) continue;
        reported.add(e.vs);
        const others = group.filter((o) => o.vs !== e.vs);
        ctx.report({
          resource: e.vs.resource,
          pointer: `/spec/hosts/${e.index}`,
          message: `VirtualServices ${names.map((n) => `"${n}"`).join(', ')} all define host "${host}" for the mesh${scope === '*' ? '' : ` in namespace "${scope}"`}; only one of them is applied`,
          related: others.map((o) => ({ resource: o.vs.resource, pointer: `/spec/hosts/${o.index}`, message: `VirtualService ${o.vs.namespace}/${o.vs.name} defines ${o.vs.hosts[o.index]}` })),
          fix: 'Merge them into one VirtualService, or give them exportTo lists that do not overlap.',
        });
      }
    }

    // Public entries whose wildcard host covers `host` (or `host`'s wildcard covers them) were indexed under `host` itself.
    function publicCovering(host: string): Entry[] {
      return coveringWildcards(host).flatMap((w) => byKey.get(`*/${w}`) ?? []);
    }
  },
});
