import { quote } from '../finding.ts';
import { ipVersion as isIP } from '../ip.ts';
import { checkExportTo, checkPort, checkSelectorLabels, isIpOrCidr, isObj, IstioReport, list, PROTOCOLS, wildcardDomainError } from './common.ts';

const DYNAMIC_DNS_PROTOCOLS = new Set(['HTTP', 'HTTP2', 'GRPC', 'TLS']);

export function serviceEntry(rep: IstioReport, spec: Record<string, any>): void {
  const hosts = list(spec.hosts);
  if (!hosts.length) rep.error('/spec', 'a ServiceEntry needs at least one host');
  hosts.forEach((h, i) => {
    if (typeof h !== 'string') return;
    if (h === '*') rep.error(`/spec/hosts/${i}`, 'host "*" is not allowed in a ServiceEntry');
    else if (wildcardDomainError(h) && !isIpOrCidr(h)) rep.error(`/spec/hosts/${i}`, wildcardDomainError(h)!);
    else if (/^\*[^.]/.test(h)) rep.warn(`/spec/hosts/${i}`, `partial wildcard host ${quote(h)} is not well supported; use a whole leading label such as "*.${h.slice(1).replace(/^[^.]*\./, '')}"`);
  });
  list(spec.addresses).forEach((a, i) => {
    if (typeof a === 'string' && !isIpOrCidr(a)) rep.error(`/spec/addresses/${i}`, `address ${quote(a)} must be an IP address or CIDR block`);
  });
  const names = new Set<string>();
  const numbers = new Set<number>();
  list(spec.ports).forEach((p, i) => {
    if (!isObj(p)) return;
    const at = `/spec/ports/${i}`;
    checkPort(rep, `${at}/number`, p.number);
    if (typeof p.name === 'string') {
      if (names.has(p.name)) rep.error(`${at}/name`, `duplicate port name ${quote(p.name)}`);
      names.add(p.name);
    }
    if (typeof p.number === 'number') {
      if (numbers.has(p.number)) rep.error(`${at}/number`, `duplicate port number ${p.number}`);
      numbers.add(p.number);
    }
    if (typeof p.protocol === 'string' && p.protocol && !PROTOCOLS.has(p.protocol.toUpperCase())) rep.error(`${at}/protocol`, `unknown protocol ${quote(p.protocol)}`);
  });
  const resolution = spec.resolution ?? 'NONE';
  const endpoints = list(spec.endpoints);
  if (resolution === 'DNS_ROUND_ROBIN' && endpoints.length > 1) rep.error('/spec/endpoints', 'DNS_ROUND_ROBIN resolution allows at most one endpoint');
  if ((resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN') && !endpoints.length) {
    hosts.forEach((h, i) => typeof h === 'string' && h.startsWith('*') && rep.error(`/spec/hosts/${i}`, `DNS resolution without endpoints needs fully qualified hosts, not ${quote(h)}`));
  }
  if (resolution === 'DYNAMIC_DNS') dynamicDns(rep, spec, hosts, endpoints);
  if (resolution === 'STATIC') {
    endpoints.forEach((e, i) => {
      const addr = e?.address;
      if (typeof addr === 'string' && addr && isIP(addr) === 0 && !/^unix:\/\/\//.test(addr)) rep.error(`/spec/endpoints/${i}/address`, `endpoint address ${quote(addr)} must be an IP address or a unix:///absolute/path with STATIC resolution`);
    });
  }
  endpoints.forEach((e, i) => {
    for (const name of isObj(e?.ports) ? Object.keys(e.ports) : []) {
      if (names.size && !names.has(name)) rep.error(`/spec/endpoints/${i}/ports/${name}`, `endpoint port ${quote(name)} is not one of the ServiceEntry's port names`, true);
    }
  });
  // Without distinct addresses, only HTTP (Host header) and TLS (SNI) traffic can tell several hosts apart.
  if (resolution !== 'NONE' && resolution !== 'DYNAMIC_DNS' && hosts.length > 1) {
    const opaque = list(spec.ports).findIndex((p) => !/^(HTTP|HTTPS|HTTP2|GRPC|GRPC-WEB|TLS)$/i.test(String(p?.protocol ?? '')));
    if (opaque >= 0) rep.error(`/spec/ports/${opaque}`, 'several hosts with a non-HTTP, non-TLS port cannot be told apart; use one host per ServiceEntry or resolution NONE');
  }
  checkExportTo(rep, spec.exportTo, true);
  checkSelectorLabels(rep, '/spec/workloadSelector/labels', spec.workloadSelector?.labels);
}

/** DYNAMIC_DNS resolves each request's host on the fly: wildcard hosts only, nothing static, and protocols that carry the host. */
function dynamicDns(rep: IstioReport, spec: Record<string, any>, hosts: unknown[], endpoints: unknown[]): void {
  hosts.forEach((h, i) => typeof h === 'string' && !h.startsWith('*.') && rep.error(`/spec/hosts/${i}`, `DYNAMIC_DNS resolution needs wildcard hosts (such as "*.example.com"), not ${quote(h)}`));
  if (list(spec.addresses).length) rep.error('/spec/addresses', 'addresses cannot be set with DYNAMIC_DNS resolution', true);
  if (endpoints.length) rep.error('/spec/endpoints', 'endpoints cannot be set with DYNAMIC_DNS resolution', true);
  list(spec.ports).forEach((p, i) => {
    const proto = typeof p?.protocol === 'string' ? p.protocol.toUpperCase() : '';
    if (!DYNAMIC_DNS_PROTOCOLS.has(proto)) rep.error(`/spec/ports/${i}${proto ? '/protocol' : ''}`, `DYNAMIC_DNS resolution supports only HTTP, HTTP2, GRPC and TLS ports, not ${proto ? quote(p.protocol) : 'a port without protocol'}`);
  });
}
