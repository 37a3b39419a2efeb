import { defineRule } from '../src/engine/index.ts';
import { ambientNamespace, isWildcard, resolveHost } from '../src/graph/index.ts';

const CASE = (host: string) => `apiVersion: v1
kind: Service
metadata: {name: ratings, namespace: bookinfo}
spec:
  selector: {app: ratings}
  ports: [{name: http, port: 9080}]
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: frontend}
spec:
  egress: [{hosts: ["./*", "${host}"]}]
`;

export const sidecarEgressHostNotFound = defineRule({
  id: 'sidecar-egress-host-not-found',
  severity: 'warning',
  category: 'correctness',
  kiali: 'KIA1004',
  docs: {
    summary: 'A Sidecar egress host imports no Service or ServiceEntry.',
    description:
      'A Sidecar egress host `namespace/dnsName` imports the services of that namespace whose host matches dnsName, ' +
      'literally (short names are not expanded). When nothing matches — a typo, a short name, or a service that lives in ' +
      'another namespace than the one written — the proxies it applies to get no cluster for that host, and their calls ' +
      'to it fail (502/503, or go out as passthrough traffic when the mesh allows any outbound).',
    fix: 'Write the host as the service\'s FQDN under the namespace that holds it: `bookinfo/ratings.bookinfo.svc.cluster.local`.',
    bad: CASE('bookinfo/rating.bookinfo.svc.cluster.local'),
    good: CASE('bookinfo/ratings.bookinfo.svc.cluster.local'),
    notes:
      'Follows istiod rather than Kiali: the dnsName is matched as written (Kiali expands short names in the Sidecar\'s ' +
      'namespace, Istio does not) and the service must live in the namespace before the slash. Wildcard dnsNames ' +
      '(`*`, `*.example.com`) and `~/` entries are not reported: they are commonly written ahead of the services they ' +
      'admit. A host in a namespace with nothing in the inputs is unknown, reported under --closed-world.',
  },
  check(ctx) {
    const g = ctx.graph;
    for (const sc of g.sidecars.all) {
      const egress = sc.resource.object?.spec?.egress;
      if (!Array.isArray(egress) || ambientNamespace(g.namespaces.labels(sc.namespace))) continue;
      egress.forEach((e: any, i: number) => {
        if (!Array.isArray(e?.hosts)) return;
        e.hosts.forEach((h: unknown, j: number) => {
          if (typeof h !== 'string' || !h.includes('/')) return;
          const slash = h.indexOf('/');
          const written = h.slice(0, slash);
          const dns = h.slice(slash + 1);
          if (written === '~' || !dns || isWildcard(dns)) return;
          const ns = written === '.' ? sc.namespace : written;
          const pointer = `/spec/egress/${i}/hosts/${j}`;
          if (!dns.includes('.')) {
            ctx.report({
              resource: sc.resource,
              pointer,
              message: `Egress host "${h}" is a short name; Istio matches it literally against full host names, so it imports nothing`,
              fix: `Write the full host, e.g. "${written}/${dns}.${ns === '*' ? sc.namespace : ns}.svc.${g.mesh.domainSuffix}".`,
              // Kiali expands the short name and reports only when that finds nothing either.
              codes: resolveHost(g, dns, sc.namespace).targets.length ? { kiali: undefined } : undefined,
            });
            return;
          }
          const res = resolveHost(g, dns, sc.namespace);
          const inNs = res.targets.filter((t) => ns === '*' || t.namespace === ns);
          if (inNs.length) return;
          const elsewhere = [...new Set(res.targets.map((t) => t.namespace))];
          if (!elsewhere.length && (res.state === 'unknown' || (ns !== '*' && !g.namespaces.has(ns))) && !ctx.closedWorld) return;
          ctx.report({
            resource: sc.resource,
            pointer,
            message: elsewhere.length
              ? `Egress host "${h}" imports nothing: "${dns}" is declared in namespace ${elsewhere.map((n) => `"${n}"`).join(', ')}, not "${ns}", so these proxies get no route to it`
              : `Egress host "${h}" matches no Service or ServiceEntry visible from namespace "${sc.namespace}", so these proxies get no route to it`,
            related: res.targets.map((t) => ({ resource: t.resource, message: `${t.kind} ${t.namespace}/${t.name} declares ${dns}` })),
            fix: elsewhere.length ? `Write "${elsewhere[0]}/${dns}".` : 'Correct the host, or add the Service or ServiceEntry it is meant for.',
            // Kiali ignores the namespace before the slash.
            codes: elsewhere.length ? { kiali: undefined } : undefined,
          });
        });
      });
    }
  },
});
