import { escapeToken } from '../../core/pointer.ts';
import { quote } from '../finding.ts';
import { keyProblem, validLabelValue } from '../metadata.ts';
import { serverTls } from './tls.ts';
import { checkDuration, checkExportTo, checkPort, checkSelectorLabels, isDnsLabel, isIpOrCidr, isObj, IstioReport, list, PROTOCOLS, wildcardDomainError } from './common.ts';

// Connection-pool limits that Istio rejects when negative.
const POOL_COUNTS: [string, string[]][] = [
  ['tcp', ['maxConnections']],
  ['http', ['http1MaxPendingRequests', 'http2MaxRequests', 'maxRequestsPerConnection', 'maxRetries', 'maxConcurrentStreams']],
];

export function destinationRule(rep: IstioReport, spec: Record<string, any>): void {
  if (typeof spec.host === 'string' && wildcardDomainError(spec.host)) rep.error('/spec/host', wildcardDomainError(spec.host)!);
  checkExportTo(rep, spec.exportTo);
  if (spec.workloadSelector !== undefined && list(spec.exportTo).some((e) => e !== '.' && e !== rep.r.namespace)) {
    rep.error('/spec/exportTo', 'a DestinationRule with a workloadSelector can only be exported to its own namespace');
  }
  trafficPolicy(rep, '/spec/trafficPolicy', spec.trafficPolicy, true);
  const names = new Set<string>();
  list(spec.subsets).forEach((s, i) => {
    if (!isObj(s)) return;
    const at = `/spec/subsets/${i}`;
    if (typeof s.name === 'string') {
      if (!isDnsLabel(s.name)) rep.error(`${at}/name`, `subset name ${quote(s.name)} is not a valid DNS label`);
      if (names.has(s.name)) rep.error(`${at}/name`, `duplicate subset name ${quote(s.name)}`);
      names.add(s.name);
    }
    for (const [k, v] of isObj(s.labels) ? Object.entries(s.labels) : []) {
      const kp = keyProblem(k);
      if (kp) rep.error(`${at}/labels/${escapeToken(k)}`, `label key ${quote(k)} ${kp}`, true);
      else if (typeof v === 'string' && v !== '' && !validLabelValue(v)) rep.error(`${at}/labels/${escapeToken(k)}`, `label value ${quote(v)} must be at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit`);
    }
    trafficPolicy(rep, `${at}/trafficPolicy`, s.trafficPolicy, true);
  });
}

function trafficPolicy(rep: IstioReport, at: string, tp: unknown, top: boolean): void {
  if (!isObj(tp)) return;
  if (!Object.values(tp).some((v) => v !== null && v !== undefined)) rep.error(at, 'traffic policy must set at least one field');
  if (tp.tunnel !== undefined && tp.proxyProtocol !== undefined) rep.error(`${at}/proxyProtocol`, 'tunnel and proxyProtocol cannot both be set', true);
  const cp = tp.connectionPool;
  if (isObj(cp)) {
    checkDuration(rep, `${at}/connectionPool/tcp/connectTimeout`, cp.tcp?.connectTimeout);
    checkDuration(rep, `${at}/connectionPool/http/idleTimeout`, cp.http?.idleTimeout);
    for (const [side, keys] of POOL_COUNTS) {
      for (const k of keys) {
        const v = cp[side]?.[k];
        if (typeof v === 'number' && v < 0) rep.error(`${at}/connectionPool/${side}/${k}`, `${k} ${v} must not be negative`);
      }
    }
  }
  const od = tp.outlierDetection;
  if (isObj(od)) {
    for (const k of ['interval', 'baseEjectionTime']) checkDuration(rep, `${at}/outlierDetection/${k}`, od[k]);
    if (od.consecutiveErrors !== undefined) rep.warn(`${at}/outlierDetection/consecutiveErrors`, 'consecutiveErrors is deprecated; use consecutive5xxErrors or consecutiveGatewayErrors', true);
    if (od.consecutiveLocalOriginFailures !== undefined && !od.splitExternalLocalOriginErrors) rep.error(`${at}/outlierDetection/consecutiveLocalOriginFailures`, 'consecutiveLocalOriginFailures requires splitExternalLocalOriginErrors: true', true);
    for (const k of ['maxEjectionPercent', 'minHealthPercent']) {
      if (typeof od[k] === 'number' && (od[k] < 0 || od[k] > 100)) rep.error(`${at}/outlierDetection/${k}`, `${k} ${od[k]} must be between 0 and 100`);
    }
  }
  const ch = tp.loadBalancer?.consistentHash;
  if (isObj(ch)) {
    const keys = ['httpHeaderName', 'httpCookie', 'useSourceIp', 'httpQueryParameterName'].filter((k) => ch[k] !== undefined);
    if (keys.length !== 1) rep.error(`${at}/loadBalancer/consistentHash`, `consistent hashing needs exactly one hash key (httpHeaderName, httpCookie, useSourceIp or httpQueryParameterName), got ${keys.length}`);
    if (ch.maglev !== undefined && ch.maglev !== null) maglev(rep, `${at}/loadBalancer/consistentHash/maglev`, ch.maglev);
    if (ch.minimumRingSize !== undefined) rep.warn(`${at}/loadBalancer/consistentHash/minimumRingSize`, 'minimumRingSize is deprecated; use ringHash.minimumRingSize', true);
  }
  const tls = tp.tls;
  if (isObj(tls)) clientTls(rep, `${at}/tls`, tls);
  if (top) {
    list(tp.portLevelSettings).forEach((p, i) => {
      const pat = `${at}/portLevelSettings/${i}`;
      if (!isObj(p)) return;
      if (p.port === undefined) rep.error(pat, 'port-level traffic policy needs a port');
      checkPort(rep, `${pat}/port/number`, p.port?.number);
      trafficPolicy(rep, pat, { ...p, port: undefined }, false);
    });
  }
}

/** Envoy's Maglev table size: set, prime, below 5000011. */
function maglev(rep: IstioReport, at: string, m: unknown): void {
  const raw = isObj(m) ? m.tableSize : undefined;
  const size = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (size === undefined || size === 0) rep.error(at, 'maglev needs a tableSize', true);
  else if (typeof size !== 'number') return;
  else if (size >= 5000011) rep.error(`${at}/tableSize`, `maglev tableSize ${size} must be less than 5000011`);
  else if (!isPrime(size)) rep.error(`${at}/tableSize`, `maglev tableSize ${size} must be a prime number (such as 65537)`);
}

function isPrime(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

function clientTls(rep: IstioReport, at: string, tls: Record<string, any>): void {
  const inline = ['clientCertificate', 'privateKey', 'caCertificates', 'caCrl'].filter((k) => tls[k] !== undefined);
  if (tls.credentialName !== undefined && (tls.mode === 'SIMPLE' || tls.mode === 'MUTUAL') && inline.length) {
    rep.error(`${at}/${inline[0]}`, `${inline[0]} cannot be set together with credentialName`, true);
  }
  if (tls.mode === 'MUTUAL' && tls.credentialName === undefined && (tls.clientCertificate === undefined || tls.privateKey === undefined)) {
    rep.error(at, 'MUTUAL TLS without credentialName needs clientCertificate and privateKey');
  }
  if (tls.insecureSkipVerify === true) {
    for (const k of ['caCertificates', 'subjectAltNames', 'caCrl']) if (tls[k] !== undefined) rep.error(`${at}/${k}`, `${k} cannot be set when insecureSkipVerify is true`, true);
  }
}

export function gateway(rep: IstioReport, spec: Record<string, any>): void {
  if (!isDnsLabel(rep.r.name)) rep.error('/metadata/name', `Gateway name ${quote(rep.r.name)} must be a DNS label (no dots)`);
  const servers = list(spec.servers);
  if (!servers.length) rep.error('/spec', 'a Gateway needs at least one server');
  const portNames = new Map<string, number>();
  servers.forEach((s, i) => {
    if (!isObj(s)) return;
    const at = `/spec/servers/${i}`;
    const port = s.port;
    if (!isObj(port)) rep.error(at, 'server needs a port');
    else {
      const bindUnix = typeof s.bind === 'string' && s.bind.startsWith('unix://');
      if (!(port.number === 0 && bindUnix)) checkPort(rep, `${at}/port/number`, port.number);
      if (typeof port.protocol === 'string' && !PROTOCOLS.has(port.protocol.toUpperCase())) rep.error(`${at}/port/protocol`, `unknown protocol ${quote(port.protocol)}`);
      if (typeof port.name !== 'string' || !port.name) rep.error(`${at}/port`, 'server port needs a name');
      else if (portNames.has(port.name)) rep.error(`${at}/port/name`, `port name ${quote(port.name)} is already used by server ${portNames.get(port.name)}`);
      else portNames.set(port.name, i);
      if (port.targetPort !== undefined) rep.error(`${at}/port/targetPort`, 'targetPort is not supported on Gateway servers', true);
    }
    if (!list(s.hosts).length) rep.error(at, 'server needs at least one host');
    list(s.hosts).forEach((h, j) => serverHost(rep, `${at}/hosts/${j}`, h));
    serverTls(rep, at, s);
    if (typeof s.bind === 'string' && !s.bind.startsWith('unix://') && !isIpOrCidr(s.bind)) rep.error(`${at}/bind`, `bind ${quote(s.bind)} must be an IP address or a unix:// path`);
  });
  checkSelectorLabels(rep, '/spec/selector', spec.selector);
}

function serverHost(rep: IstioReport, at: string, h: unknown): void {
  if (typeof h !== 'string') return;
  const slash = h.indexOf('/');
  const ns = slash >= 0 ? h.slice(0, slash) : undefined;
  const dns = slash >= 0 ? h.slice(slash + 1) : h;
  if (ns !== undefined && ns !== '*' && ns !== '.' && !isDnsLabel(ns)) rep.error(at, `namespace ${quote(ns)} in host ${quote(h)} must be "*", "." or a namespace name`);
  if (dns === '*' || isIpOrCidr(dns)) return;
  if (!dns.includes('.')) rep.error(at, `host ${quote(dns)} must be a fully qualified domain name or "*"`);
  else if (wildcardDomainError(dns)) rep.error(at, wildcardDomainError(dns)!);
}

export function envoyFilter(rep: IstioReport, spec: Record<string, any>): void {
  checkSelectorLabels(rep, '/spec/workloadSelector/labels', spec.workloadSelector?.labels);
  list(spec.configPatches).forEach((cp, i) => {
    if (!isObj(cp)) return;
    const at = `/spec/configPatches/${i}`;
    if (!cp.applyTo || cp.applyTo === 'INVALID') rep.error(at, 'config patch needs applyTo');
    if (!isObj(cp.patch)) {
      rep.error(at, 'config patch needs a patch');
      return;
    }
    const op = cp.patch.operation;
    if (!op || op === 'INVALID') rep.error(`${at}/patch`, 'patch needs an operation');
    else if (op !== 'REMOVE' && cp.patch.value === undefined) rep.error(`${at}/patch`, `patch operation ${op} needs a value`);
  });
}

export function sidecar(rep: IstioReport, spec: Record<string, any>): void {
  if (![spec.ingress, spec.egress, spec.outboundTrafficPolicy, spec.inboundConnectionPool].some((v) => v !== undefined)) {
    rep.error('/spec', 'a Sidecar must set at least one of ingress, egress, outboundTrafficPolicy or inboundConnectionPool');
  }
  const labels = spec.workloadSelector?.labels;
  if (spec.workloadSelector !== undefined && isObj(labels) && !Object.keys(labels).length) rep.warn('/spec/workloadSelector/labels', 'an empty workloadSelector applies the Sidecar to every workload in the namespace');
  checkSelectorLabels(rep, '/spec/workloadSelector/labels', labels);
  const egress = list(spec.egress);
  const egressPorts = new Map<number, number>();
  egress.forEach((e, i) => {
    if (!isObj(e)) return;
    const at = `/spec/egress/${i}`;
    if (e.port === undefined && i !== egress.length - 1) rep.error(at, 'only the last egress listener may omit its port');
    // Port 0 names a Unix domain socket listener.
    if (!(e.port?.number === 0 && typeof e.bind === 'string' && e.bind.startsWith('unix://'))) checkPort(rep, `${at}/port/number`, e.port?.number);
    const n = e.port?.number;
    if (typeof n === 'number' && n !== 0) {
      if (egressPorts.has(n)) rep.error(`${at}/port/number`, `egress port ${n} is already used by egress listener ${egressPorts.get(n)}`);
      else egressPorts.set(n, i);
    }
    const hosts = list(e.hosts);
    const seen = new Set<string>();
    hosts.forEach((h, j) => {
      if (typeof h !== 'string') return;
      if (seen.has(h)) rep.warn(`${at}/hosts/${j}`, `egress host ${quote(h)} is listed twice`);
      seen.add(h);
      if (h === '*/*' && hosts.length > 1) rep.warn(`${at}/hosts/${j}`, '"*/*" already imports every host; the other entries have no effect');
    });
    hosts.forEach((h, j) => {
      if (typeof h !== 'string') return;
      const slash = h.indexOf('/');
      const ns = slash < 0 ? '' : h.slice(0, slash).replace(/^~/, '');
      const dns = h.slice(slash + 1);
      if (slash < 0) rep.error(`${at}/hosts/${j}`, `egress host ${quote(h)} must be "namespace/host"`);
      else if ((ns !== '*' && ns !== '.' && !isDnsLabel(ns)) || (dns !== '*' && wildcardDomainError(dns))) rep.error(`${at}/hosts/${j}`, `egress host ${quote(h)} must be "namespace/host" with a namespace name, "." or "*"`);
    });
  });
  list(spec.ingress).forEach((g, i) => {
    if (!isObj(g)) return;
    if (g.port === undefined) rep.error(`/spec/ingress/${i}`, 'ingress listener needs a port');
    checkPort(rep, `/spec/ingress/${i}/port/number`, g.port?.number);
    const d = g.defaultEndpoint;
    if (typeof d === 'string' && !d.startsWith('unix://') && !/^(127\.0\.0\.1|0\.0\.0\.0|\[::1\]|\[::\]):\d+$/.test(d)) rep.error(`/spec/ingress/${i}/defaultEndpoint`, `defaultEndpoint ${quote(d)} must be 127.0.0.1:PORT, 0.0.0.0:PORT, [::1]:PORT, [::]:PORT or unix://PATH`);
    if (isObj(g.tls)) ingressTls(rep, `/spec/ingress/${i}`, g);
  });
  const otp = spec.outboundTrafficPolicy;
  if (isObj(otp) && otp.egressProxy !== undefined && otp.mode !== 'ALLOW_ANY') rep.error('/spec/outboundTrafficPolicy/egressProxy', 'egressProxy is only allowed with mode ALLOW_ANY', true);
}

/** TLS on a sidecar ingress listener terminates with the workload's own certificates: no credentialName, no ISTIO_MUTUAL, HTTPS/TLS ports only. */
function ingressTls(rep: IstioReport, at: string, g: Record<string, any>): void {
  const proto = g.port?.protocol;
  if (!(typeof proto === 'string' && /^(HTTPS|TLS)$/i.test(proto))) {
    rep.error(typeof proto === 'string' ? `${at}/port/protocol` : `${at}/tls`, `ingress TLS is only supported on HTTPS or TLS ports, not ${typeof proto === 'string' ? quote(proto) : 'a port without protocol'}`, typeof proto !== 'string');
  }
  if (g.tls.mode === 'ISTIO_MUTUAL') rep.error(`${at}/tls/mode`, 'ISTIO_MUTUAL is not supported on a sidecar ingress listener; use SIMPLE or MUTUAL with certificate files');
  if (g.tls.credentialName !== undefined) rep.error(`${at}/tls/credentialName`, 'credentialName is not supported on a sidecar ingress listener; use serverCertificate and privateKey files');
}
