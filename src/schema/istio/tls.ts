import { quotedList } from '../finding.ts';
import { isObj, IstioReport, list } from './common.ts';

// The cipher suite names Istio accepts: Envoy's (BoringSSL) names and Go's crypto/tls names.
const CIPHER_SUITES = new Set([
  'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-CHACHA20-POLY1305', 'ECDHE-PSK-CHACHA20-POLY1305', 'ECDHE-ECDSA-AES128-SHA',
  'ECDHE-RSA-AES128-SHA', 'ECDHE-PSK-AES128-CBC-SHA', 'ECDHE-ECDSA-AES256-SHA', 'ECDHE-RSA-AES256-SHA', 'ECDHE-PSK-AES256-CBC-SHA',
  'AES128-GCM-SHA256', 'AES256-GCM-SHA384', 'AES128-SHA', 'AES256-SHA', 'DES-CBC3-SHA', 'PSK-AES128-CBC-SHA', 'PSK-AES256-CBC-SHA',
  'TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA', 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', 'TLS_RSA_WITH_RC4_128_SHA', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
  'TLS_RSA_WITH_AES_128_CBC_SHA', 'TLS_RSA_WITH_AES_256_CBC_SHA', 'TLS_RSA_WITH_AES_128_CBC_SHA256', 'TLS_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA', 'TLS_ECDHE_RSA_WITH_RC4_128_SHA',
  'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA', 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
]);

/** Istio's IsValidCipherSuite: "" and ALL pass, so do names not starting with a letter or digit (groups such as `[A|B]`, `!X`). */
function validCipher(cs: string): boolean {
  return cs === '' || cs === 'ALL' || !/^[A-Za-z0-9]/.test(cs) || CIPHER_SUITES.has(cs);
}

/** Warnings Istio gives on server TLS options: the proxy ignores these cipher suites, or ends up with none for TLS 1.0/1.1. */
function tlsOptions(rep: IstioReport, at: string, tls: Record<string, any>): void {
  const suites = list(tls.cipherSuites).filter((c): c is string => typeof c === 'string');
  const seen = new Set<string>();
  const invalid: string[] = [];
  const duplicate: string[] = [];
  for (const cs of suites) {
    if (!validCipher(cs)) invalid.push(cs);
    else if (seen.has(cs)) duplicate.push(cs);
    seen.add(cs);
  }
  if (invalid.length) rep.warn(`${at}/cipherSuites`, `ignoring invalid cipher suites ${quotedList(invalid, 8, 'and')}`, true);
  if (duplicate.length) rep.warn(`${at}/cipherSuites`, `ignoring duplicate cipher suites ${quotedList(duplicate, 8, 'and')}`, true);
  if ((tls.minProtocolVersion === 'TLSV1_0' || tls.minProtocolVersion === 'TLSV1_1') && !suites.length) {
    rep.warn(`${at}/minProtocolVersion`, `${tls.minProtocolVersion} needs cipherSuites: the default ciphers no longer include any that TLS versions below 1.2 can use`);
  }
  if (tls.caCrl !== undefined && tls.mode === 'SIMPLE') rep.error(`${at}/caCrl`, 'caCrl cannot be used with SIMPLE TLS: no client certificate is verified', true);
  else if (tls.caCrl !== undefined && (tls.credentialName !== undefined || tls.credentialNames !== undefined)) rep.error(`${at}/caCrl`, 'caCrl cannot be set together with credentialName: put ca.crl in the credential instead', true);
}

export function serverTls(rep: IstioReport, at: string, s: Record<string, any>): void {
  const proto = typeof s.port?.protocol === 'string' ? s.port.protocol.toUpperCase() : '';
  const tls = s.tls;
  if ((proto === 'HTTPS' || proto === 'TLS') && !isObj(tls)) rep.error(`${at}/port/protocol`, `server protocol ${proto} needs a tls block`);
  if (!isObj(tls)) return;
  const certs = ['serverCertificate', 'privateKey', 'caCertificates'].filter((k) => tls[k] !== undefined);
  if (proto === 'HTTP' && Object.keys(tls).some((k) => k !== 'httpsRedirect')) rep.error(`${at}/tls`, 'a plain HTTP server may only set tls.httpsRedirect', true);
  if (tls.mode === 'ISTIO_MUTUAL' && (certs.length || tls.credentialName !== undefined)) rep.error(`${at}/tls/mode`, 'ISTIO_MUTUAL cannot be combined with certificates or credentialName');
  const sources = [tls.credentialName !== undefined, tls.credentialNames !== undefined, tls.serverCertificate !== undefined || tls.privateKey !== undefined, tls.tlsCertificates !== undefined].filter(Boolean).length;
  if (sources > 1) rep.error(`${at}/tls`, 'only one certificate source (credentialName, credentialNames, serverCertificate/privateKey or tlsCertificates) may be set', true);
  const hasCred = tls.credentialName !== undefined || tls.credentialNames !== undefined || tls.tlsCertificates !== undefined;
  if ((tls.mode === 'SIMPLE' || tls.mode === 'MUTUAL' || tls.mode === 'OPTIONAL_MUTUAL') && !hasCred && (tls.serverCertificate === undefined || tls.privateKey === undefined)) {
    rep.error(`${at}/tls`, `${tls.mode} TLS needs serverCertificate and privateKey, or a credentialName`, true);
  }
  if ((tls.mode === 'MUTUAL' || tls.mode === 'OPTIONAL_MUTUAL') && !hasCred && tls.caCertificates === undefined) rep.error(`${at}/tls`, `${tls.mode} TLS needs caCertificates, or a credentialName`, true);
  tlsOptions(rep, `${at}/tls`, tls);
}
