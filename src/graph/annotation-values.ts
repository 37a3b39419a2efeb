import { isIPv4, isIPv6 } from 'node:net';
import { load } from 'js-yaml';
import type { ValueCheck } from './annotation-catalog.ts';

// What the sidecar injector accepts in an annotation's value (Istio's pkg/kube/inject validators, written again).
// Each check returns the problem, or undefined when the value is accepted.

const BOOLS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);
const QUANTITY = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;
const DIGITS = /^\d+$/;

/** Go strconv.ParseUint(s, 10, bits). */
function parseUint(s: string, max: number): boolean {
  return DIGITS.test(s) && Number(s) <= max;
}

/** Go netip.ParsePrefix: an address (no zone) and a bit count without sign or leading zero. */
function cidrProblem(s: string): string | undefined {
  const slash = s.lastIndexOf('/');
  if (slash < 0) return `"${s}" is not a CIDR prefix (no "/bits")`;
  const addr = s.slice(0, slash);
  const bits = s.slice(slash + 1);
  const v4 = isIPv4(addr);
  if (!v4 && (!isIPv6(addr) || addr.includes('%'))) return `"${addr}" is not an IP address`;
  if (!DIGITS.test(bits) || (bits.length > 1 && bits[0] === '0') || Number(bits) > (v4 ? 32 : 128)) return `"${bits}" is not a prefix length of an IPv${v4 ? 4 : 6} address`;
  return undefined;
}

function cidrListProblem(s: string): string | undefined {
  if (!s) return undefined;
  for (const c of s.split(',')) {
    const p = cidrProblem(c);
    if (p) return p;
  }
  return undefined;
}

function portListProblem(s: string): string | undefined {
  const t = s.trim();
  if (!t) return undefined;
  for (const p of t.split(',')) if (!parseUint(p.trim(), 65535)) return `"${p.trim()}" is not a port number (0-65535)`;
  return undefined;
}

/** Linux network interface names: 1–15 characters, no slash, colon or white space. */
function interfaceListProblem(s: string): string | undefined {
  if (!s) return undefined;
  for (const name of s.split(',')) {
    if (!name || name.length > 15 || /[\s/:]/.test(name) || name === '.' || name === '..') return `"${name}" is not a network interface name`;
  }
  return undefined;
}

function proxyConfigProblem(s: string): string | undefined {
  if (!s.trim()) return undefined;
  let v: unknown;
  try {
    v = load(s);
  } catch (e: any) {
    return `not valid YAML or JSON: ${e?.reason ?? e?.message ?? e}`;
  }
  return v === null || v === undefined || (typeof v === 'object' && !Array.isArray(v)) ? undefined : 'expected a ProxyConfig mapping';
}

export function annotationValueProblem(check: ValueCheck, value: string): string | undefined {
  switch (check) {
    case 'bool':
      return BOOLS.has(value) ? undefined : `"${value}" is not a boolean`;
    case 'quantity':
      return QUANTITY.test(value) ? undefined : `"${value}" is not a Kubernetes resource quantity (like 100m or 128Mi)`;
    case 'interceptionMode':
      return value === 'REDIRECT' || value === 'TPROXY' || value === 'NONE' ? undefined : `"${value}" is not one of REDIRECT, TPROXY, NONE`;
    case 'port':
      return parseUint(value.trim(), 65535) ? undefined : `"${value}" is not a port number (0-65535)`;
    case 'uint32':
      return parseUint(value, 4294967295) ? undefined : `"${value}" is not an unsigned integer`;
    case 'includeCidrs':
      return value === '*' ? undefined : cidrListProblem(value);
    case 'cidrs':
      return cidrListProblem(value);
    case 'includePorts':
      return value === '*' ? undefined : portListProblem(value);
    case 'ports':
      return portListProblem(value);
    case 'interfaces':
      return interfaceListProblem(value);
    case 'proxyConfig':
      return proxyConfigProblem(value);
  }
}
