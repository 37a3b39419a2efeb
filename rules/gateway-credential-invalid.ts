import { X509Certificate } from 'node:crypto';
import { defineRule } from '../src/engine/index.ts';
import { gatewayCredentials } from '../src/graph/index.ts';

export const gatewayCredentialInvalid = defineRule({
  id: 'gateway-credential-invalid',
  severity: 'error',
  category: 'correctness',
  istio: 'IST0161',
  istioAnalyzer: 'gateway.SecretAnalyzer',
  docs: {
    summary: 'A Gateway\'s credential Secret holds no usable certificate.',
    description:
      'The Secret named by `tls.credentialName` must hold a certificate and key (`tls.crt`/`tls.key`, or `cert`/`key`) whose ' +
      'certificate parses and is valid now. Otherwise the gateway cannot serve TLS with it.',
    fix: 'Put a valid PEM certificate and its key in the Secret.',
    bad: `apiVersion: v1
kind: Secret
metadata: {name: shop-cert, namespace: istio-system}
type: kubernetes.io/tls
stringData: {tls.crt: "not a certificate", tls.key: "not a key"}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: shop, namespace: web}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["shop.example.com"], tls: {mode: SIMPLE, credentialName: shop-cert}}]
`,
    notes: 'Validity is checked against the current time, as istioctl analyze does. `stringData` is merged into `data` as the API server does.',
  },
  check(ctx) {
    for (const c of gatewayCredentials(ctx.graph)) {
      if (!c.source?.literal) continue;
      const problem = certificateProblem(c.source.data);
      if (!problem) continue;
      ctx.report({
        resource: c.gateway.resource,
        pointer: `${c.server.pointer}/tls/credentialName`,
        message: `Secret "${c.namespace}/${c.name}" ${problem}, so the gateway cannot serve TLS with it`,
        related: [{ resource: c.source.resource, message: `Secret ${c.namespace}/${c.name}` }],
        fix: 'Store a valid PEM certificate and key in the Secret.',
      });
    }
  },
});

function certificateProblem(data: Readonly<Record<string, string>>): string | undefined {
  const cert = data['tls.crt'] || data.cert;
  const key = data['tls.key'] || data.key;
  if (!cert || !key) return 'has no tls.crt and tls.key (or cert and key)';
  const pem = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(cert);
  if (!pem) return 'holds no PEM certificate';
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(pem[0]);
  } catch {
    return 'holds a certificate that does not parse';
  }
  const now = Date.now();
  if (now < Date.parse(x509.validFrom)) return `holds a certificate not valid before ${x509.validFrom}`;
  if (now > Date.parse(x509.validTo)) return `holds a certificate that expired on ${x509.validTo}`;
  return undefined;
}
