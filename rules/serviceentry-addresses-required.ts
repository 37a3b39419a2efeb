import { defineRule } from '../src/engine/index.ts';

export const serviceentryAddressesRequired = defineRule({
  id: 'serviceentry-addresses-required',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0134',
  istioAnalyzer: 'serviceentry.Analyzer',
  docs: {
    summary: 'A ServiceEntry serves TCP without addresses.',
    description:
      'For a TCP port (or one without protocol) the sidecar matches outbound traffic by destination IP and port, not by host. ' +
      'Without `addresses` (and without DNS auto-allocation in MeshConfig) the listener is 0.0.0.0:<port>, which captures ' +
      'every connection to that port, whatever the host: traffic meant for other services on the same port goes here.',
    fix: 'Add the service\'s addresses, set the port protocol (HTTP, TLS…), or enable DNS proxying with address auto-allocation.',
    bad: `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: db, namespace: prod}
spec:
  hosts: [db.example.com]
  ports: [{number: 5432, name: tcp-postgres, protocol: TCP}]
  resolution: DNS
`,
    good: `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: db, namespace: prod}
spec:
  hosts: [db.example.com]
  addresses: [10.20.0.5]
  ports: [{number: 5432, name: tcp-postgres, protocol: TCP}]
  resolution: DNS
`,
    notes: 'Not reported when MeshConfig enables DNS capture with auto-allocation (ISTIO_META_DNS_CAPTURE plus ISTIO_META_DNS_AUTO_ALLOCATE or PILOT_ENABLE_IP_AUTOALLOCATE in defaultConfig.proxyMetadata), or when status.addresses is set.',
  },
  check(ctx) {
    const md = ctx.graph.mesh.proxyMetadata;
    if (md.ISTIO_META_DNS_CAPTURE === 'true' && (md.ISTIO_META_DNS_AUTO_ALLOCATE === 'true' || md.PILOT_ENABLE_IP_AUTOALLOCATE === 'true')) return;
    for (const svc of ctx.graph.services.all()) {
      if (svc.kind !== 'ServiceEntry') continue;
      const obj = svc.resource.object;
      const has = (v: unknown) => Array.isArray(v) && v.length > 0;
      if (has(obj?.spec?.addresses) || has(obj?.status?.addresses)) continue;
      for (const p of svc.ports) {
        if (p.protocol !== '' && p.protocol.toUpperCase() !== 'TCP') continue;
        ctx.report({
          resource: svc.resource,
          pointer: p.protocol ? `${p.pointer}/protocol` : p.pointer,
          message: `Port ${p.port} is ${p.protocol ? 'TCP' : 'without protocol (TCP)'} and the ServiceEntry has no addresses, so the proxy captures all traffic to port ${p.port}, whatever its host`,
          fix: 'Add addresses, or declare the port protocol (HTTP, TLS…).',
          discriminator: p.pointer,
        });
      }
    }
  },
});
