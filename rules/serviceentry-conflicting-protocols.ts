import { defineRule } from '../src/engine/index.ts';
import { groupBy } from './_collisions.ts';
import type { MeshService, ServicePort } from '../src/graph/index.ts';

interface Use {
  se: MeshService;
  port: ServicePort;
  host: string;
}

export const serviceentryConflictingProtocols = defineRule({
  id: 'serviceentry-conflicting-protocols',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0177',
  istioAnalyzer: 'serviceentry.ConflictingServiceEntryProtocolAnalyzer',
  kiali: 'KIA1212',
  docs: {
    summary: 'ServiceEntries visible in the same namespaces give one host and port different protocols.',
    description:
      'A proxy builds one listener per host and port. When ServiceEntries exported to the same namespaces declare the same ' +
      'host and port with different protocols (HTTP vs TLS, TCP vs unset…), one declaration wins and traffic for the ' +
      'other is handled with the wrong protocol.',
    fix: 'Declare the host and port once, or give both the same protocol.',
    bad: `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: api-http, namespace: egress}
spec:
  hosts: [api.example.com]
  ports: [{number: 8080, name: http, protocol: HTTP}]
  resolution: DNS
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: api-tls, namespace: payments}
spec:
  hosts: [api.example.com]
  ports: [{number: 8080, name: tls, protocol: TLS}]
  resolution: DNS
`,
    good: `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: api-http, namespace: egress}
spec:
  exportTo: ["."]
  hosts: [api.example.com]
  ports: [{number: 8080, name: http, protocol: HTTP}]
  resolution: DNS
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: api-tls, namespace: payments}
spec:
  exportTo: ["."]
  hosts: [api.example.com]
  ports: [{number: 8080, name: tls, protocol: TLS}]
  resolution: DNS
`,
    notes: 'As istioctl analyze, hosts are compared as written and exportTo scopes decide which entries meet; a protocol left empty differs from TCP.',
  },
  check(ctx) {
    const entries: (Use & { key: string })[] = [];
    for (const se of ctx.graph.services.all()) {
      if (se.kind !== 'ServiceEntry') continue;
      const spec = se.resource.object?.spec;
      const hosts: string[] = Array.isArray(spec?.hosts) ? spec.hosts.filter((h: unknown) => typeof h === 'string') : [];
      const exportTo: string[] = Array.isArray(spec?.exportTo) ? spec.exportTo : [];
      const scopes = !exportTo.length || exportTo.includes('*') ? ['*'] : [...new Set(exportTo.map((e) => (e === '.' ? se.namespace : String(e))))];
      for (const host of hosts) {
        for (const port of se.ports) {
          for (const scope of scopes) entries.push({ se, port, host, key: `${scope}\0${host}\0${port.port}` });
        }
      }
    }
    const byKey = groupBy(entries, (u) => u.key);
    const reported = new Set<MeshService>();
    for (const [k, own] of byKey) {
      const [scope, host, port] = k.split('\0');
      const uses = scope === '*' ? own : [...own, ...(byKey.get(`*\0${host}\0${port}`) ?? [])];
      const protocols = [...new Set(uses.map((u) => u.port.protocol.toUpperCase()))];
      if (protocols.length < 2) continue;
      const names = [...new Set(uses.map((u) => `${u.se.namespace}/${u.se.name}`))].sort();
      for (const u of uses) {
        if (reported.has(u.se)) continue;
        reported.add(u.se);
        ctx.report({
          resource: u.se.resource,
          pointer: `${u.port.pointer}/protocol`,
          message: `ServiceEntries ${names.map((n) => `"${n}"`).join(', ')} declare host "${host}" port ${port} with different protocols (${protocols.map((p) => p || '(unset)').sort().join(', ')}); only one is used`,
          related: uses.filter((o) => o.se !== u.se).map((o) => ({ resource: o.se.resource, pointer: o.port.pointer, message: `ServiceEntry ${o.se.namespace}/${o.se.name} port ${port} ${o.port.protocol || '(no protocol)'}` })),
          fix: 'Declare the host and port in one ServiceEntry, or use the same protocol.',
        });
      }
    }
  },
});
