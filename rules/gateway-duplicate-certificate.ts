import { defineRule } from '../src/engine/index.ts';
import { labelsMatch, type IstioGatewayInfo, type ServerInfo } from '../src/graph/index.ts';

interface Cert {
  gw: IstioGatewayInfo;
  server: ServerInfo;
}

/** Identity of a server certificate: the credential name, else the certificate and key files. */
function certKey(tls: Record<string, any> | undefined): string | undefined {
  if (!tls) return undefined;
  if (typeof tls.credentialName === 'string' && tls.credentialName) return `credential\0${tls.credentialName}`;
  if (typeof tls.serverCertificate === 'string' && tls.serverCertificate && typeof tls.privateKey === 'string' && tls.privateKey) return `files\0${tls.serverCertificate}\0${tls.privateKey}`;
  return undefined;
}

export const gatewayDuplicateCertificate = defineRule({
  id: 'gateway-duplicate-certificate',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0138',
  istioAnalyzer: 'gateway.CertificateAnalyzer',
  docs: {
    summary: 'Two Gateways on the same gateway pods serve the same TLS certificate.',
    description:
      'Browsers reuse an HTTP/2 connection for every host the certificate covers. When two Gateways on the same pods use one ' +
      '(wildcard) certificate for different hosts, a request for the second host can arrive on the first Gateway\'s ' +
      'connection and get 404.',
    fix: 'Serve the hosts from one Gateway (one server with both hosts), or use separate certificates.',
    bad: `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: shop, namespace: web}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["shop.example.com"], tls: {mode: SIMPLE, credentialName: wildcard-example}}]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: blog, namespace: web}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["blog.example.com"], tls: {mode: SIMPLE, credentialName: wildcard-example}}]
`,
    good: `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: example, namespace: web}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["shop.example.com", "blog.example.com"], tls: {mode: SIMPLE, credentialName: wildcard-example}}]
`,
    notes: 'As istioctl analyze, a Gateway is compared with every Gateway whose selector includes all of its own labels (all Gateways when its selector is empty).',
  },
  check(ctx) {
    const byCert = new Map<string, Cert[]>();
    for (const gw of ctx.graph.gateways.istio) {
      for (const server of gw.servers) {
        const k = certKey(server.tls);
        if (!k) continue;
        const list = byCert.get(k);
        if (list) list.push({ gw, server });
        else byCert.set(k, [{ gw, server }]);
      }
    }
    for (const certs of byCert.values()) {
      for (const a of certs) {
        for (const b of certs) {
          if (a.gw === b.gw || !labelsMatch(a.gw.selector, b.gw.selector)) continue;
          ctx.report({
            resource: a.gw.resource,
            pointer: a.server.tls?.credentialName ? `${a.server.pointer}/tls/credentialName` : `${a.server.pointer}/tls/serverCertificate`,
            message: `Gateway "${b.gw.namespace}/${b.gw.name}" serves the same certificate on the same gateway pods; clients reusing HTTP/2 connections across its hosts can get 404`,
            related: [{ resource: b.gw.resource, pointer: `${b.server.pointer}/tls`, message: `Gateway ${b.gw.namespace}/${b.gw.name} uses the same certificate` }],
            fix: 'Serve both hosts from one server, or use separate certificates.',
            discriminator: `${a.server.pointer}:${b.gw.namespace}/${b.gw.name}${b.server.pointer}`,
          });
        }
      }
    }
  },
});
