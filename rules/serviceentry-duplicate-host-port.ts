import { defineRule } from '../src/engine/index.ts';
import { collisions, groupBy } from './_collisions.ts';
import type { MeshService, ServicePort } from '../src/graph/index.ts';

interface Use {
  se: MeshService;
  port: ServicePort;
}

const open = (scopes: readonly string[]) => scopes.some((s) => s !== '~');
/** True when some namespace sees both entries. */
function meet(a: readonly string[], b: readonly string[]): boolean {
  if (a.includes('*')) return open(b);
  if (b.includes('*')) return open(a);
  return a.some((s) => s !== '~' && b.includes(s));
}

export const serviceentryDuplicateHostPort = defineRule({
  id: 'serviceentry-duplicate-host-port',
  severity: 'warning',
  category: 'correctness',
  kiali: 'KIA1211',
  docs: {
    summary: 'Two ServiceEntries visible in the same namespace declare the same host and port with the same protocol.',
    description:
      'A proxy keeps one service per host: when several ServiceEntries exported to the same namespace declare it, istiod ' +
      'keeps one of them and drops the others there, so their resolution, addresses, ' +
      'endpoints and location silently do not apply. Editing an entry that lost has no effect.',
    fix: 'Declare the host and port in one ServiceEntry, or narrow `exportTo` so that each namespace sees only one.',
    bad: `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: payments-api, namespace: egress}
spec:
  hosts: [api.payments.example]
  ports: [{number: 443, name: tls, protocol: TLS}]
  resolution: DNS
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: payments-api-static, namespace: shop}
spec:
  hosts: [api.payments.example]
  ports: [{number: 443, name: tls, protocol: TLS}]
  resolution: STATIC
  endpoints: [{address: 203.0.113.10}]
`,
    good: `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: payments-api, namespace: egress}
spec:
  hosts: [api.payments.example]
  ports: [{number: 443, name: tls, protocol: TLS}]
  resolution: DNS
`,
    notes:
      'Kiali compares host strings across all namespaces; meshlint, like istiod, only pairs entries whose exportTo scopes ' +
      'meet in some namespace, and expands short hosts to their namespace. Different protocols for the same host and port ' +
      'are serviceentry-conflicting-protocols (KIA1212).',
  },
  check(ctx) {
    const uses: (Use & { key: string })[] = [];
    for (const se of ctx.graph.services.all()) {
      if (se.kind !== 'ServiceEntry' || se.synthetic) continue;
      for (const host of new Set(se.hosts.map((h) => h.toLowerCase()))) {
        for (const port of se.ports) uses.push({ se, port, key: `${host}\0${port.port}\0${port.protocol.toUpperCase()}` });
      }
    }
    const reported = new Set<ServicePort>();
    for (const { key, item: u, others } of collisions(groupBy(uses, (x) => x.key), (a, b) => a.se !== b.se && meet(a.se.exportTo, b.se.exportTo))) {
      const [host, port] = key.split('\0');
      if (reported.has(u.port)) continue;
      reported.add(u.port);
      ctx.report({
        resource: u.se.resource,
        pointer: u.port.pointer,
        message: `ServiceEntry "${u.se.namespace}/${u.se.name}" declares host "${host}" port ${port}, as ${others.map((o) => `"${o.se.namespace}/${o.se.name}"`).join(', ')} also does; a proxy keeps only one entry per host and ignores the other`,
        related: others.map((o) => ({ resource: o.se.resource, pointer: o.port.pointer, message: `ServiceEntry ${o.se.namespace}/${o.se.name} port ${port}` })),
        fix: 'Declare the host and port in one ServiceEntry, or narrow exportTo.',
      });
    }
  },
});
