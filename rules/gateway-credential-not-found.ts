import { defineRule } from '../src/engine/index.ts';
import { gatewayCredentials } from '../src/graph/index.ts';

export const gatewayCredentialNotFound = defineRule({
  id: 'gateway-credential-not-found',
  severity: 'error',
  category: 'correctness',
  istio: 'IST0101',
  istioAnalyzer: 'gateway.SecretAnalyzer',
  docs: {
    summary: 'A Gateway TLS server names a credential Secret that does not exist where the gateway runs.',
    description:
      'The gateway proxy reads `tls.credentialName` from a Secret in its own namespace (the namespace of the gateway pods, ' +
      'not of the Gateway object), unless the name is written `namespace/name`. Without the Secret the server has no ' +
      'certificate and TLS handshakes on it fail.',
    fix: 'Create the Secret in the gateway pods\' namespace, or correct the name.',
    bad: `apiVersion: v1
kind: Secret
metadata: {name: shop-cert, namespace: web}
type: kubernetes.io/tls
data: {tls.crt: "", tls.key: ""}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: shop, namespace: web}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["shop.example.com"], tls: {mode: SIMPLE, credentialName: shop-cert}}]
`,
    good: `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: shop-cert, namespace: istio-system}
spec:
  secretName: shop-cert
  dnsNames: [shop.example.com]
  issuerRef: {name: letsencrypt, kind: ClusterIssuer}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: shop, namespace: web}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["shop.example.com"], tls: {mode: SIMPLE, credentialName: shop-cert}}]
`,
    notes:
      'Secrets that a cert-manager Certificate, an ExternalSecret or a SealedSecret in the inputs will create count as present. ' +
      'When the inputs hold no Secret at all, the credential is unknown and reported only under --closed-world.',
  },
  check(ctx) {
    for (const c of gatewayCredentials(ctx.graph)) {
      if (c.source || (!ctx.graph.secrets.loaded && !ctx.closedWorld)) continue;
      ctx.report({
        resource: c.gateway.resource,
        pointer: `${c.server.pointer}/tls/credentialName`,
        message: `Secret "${c.namespace}/${c.name}" does not exist${c.server.tls?.credentialName.includes('/') ? '' : ' in the gateway pods\' namespace'}, so TLS on this server fails`,
        related: c.pod.synthetic ? [] : [{ resource: c.pod.resource, message: `gateway workload ${c.pod.kind} ${c.pod.namespace}/${c.pod.name}` }],
        fix: `Create Secret "${c.name}" in namespace "${c.namespace}".`,
      });
    }
  },
});
