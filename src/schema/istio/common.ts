import { ipVersion as isIP } from '../ip.ts';
import { getAt } from '../../core/pointer.ts';
import type { Resource } from '../../core/resource.ts';
import { displayPath, quote, type Finding } from '../finding.ts';

/** Istio's port protocol names (case-insensitive). */
export const PROTOCOLS = new Set(['HTTP', 'HTTPS', 'GRPC', 'GRPC-WEB', 'HTTP2', 'MONGO', 'REDIS', 'MYSQL', 'TCP', 'TLS', 'UDP', 'HBONE', 'DOUBLE_HBONE', 'THRIFT']);

/** An HTTP header name (RFC 7230 token). */
export const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const DNS_LABEL = /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const WILDCARD_LABEL = /^(\*|(\*|\*-)?[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;
const DURATION = /^([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h)/;
const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Collects Istio validation findings for one resource (IST0106 errors, IST0133 warnings). */
export class IstioReport {
  constructor(readonly r: Resource, readonly out: Finding[]) {}

  error(pointer: string, text: string, key = false): void {
    this.push(pointer, text, 'error', key);
  }

  /** `kiali`: the Kiali code of the same finding, when Kiali reports it too. */
  warn(pointer: string, text: string, key = false, kiali?: string): void {
    this.push(pointer, text, 'warning', key, kiali);
  }

  private push(pointer: string, text: string, severity: 'error' | 'warning', key: boolean, kiali?: string): void {
    const code = severity === 'error' ? 'IST0106' : 'IST0133';
    const v = getAt(this.r.object, pointer);
    this.out.push({
      ruleId: 'schema-istio',
      resource: this.r,
      pointer,
      // Objects and lists are reported at their key (`spec:`), scalars at the value.
      key: key || (pointer !== '' && typeof v === 'object' && v !== null),
      severity,
      discriminator: text,
      codes: { istio: code, istioAnalyzer: `schema.ValidationAnalyzer.${this.r.kind}`, ...(kiali ? { kiali } : {}) },
      message: `${displayPath(pointer)}: ${text}`,
    });
  }
}

export function isDnsLabel(s: string): boolean {
  return s.length <= 63 && DNS_LABEL.test(s);
}

const hostVerdicts = new Map<string, string | undefined>();

/** Istio's ValidateWildcardDomain: a wildcard only as (a prefix of) the first label, DNS labels after it. */
export function wildcardDomainError(host: string): string | undefined {
  if (!hostVerdicts.has(host)) {
    if (hostVerdicts.size > 50_000) hostVerdicts.clear();
    hostVerdicts.set(host, checkWildcardDomain(host));
  }
  return hostVerdicts.get(host);
}

function checkWildcardDomain(host: string): string | undefined {
  if (!host) return 'host must not be empty';
  if (host.length > 255) return `host ${quote(host)} is longer than 255 characters`;
  const [first, rest] = splitOnce(host.endsWith('.') ? host.slice(0, -1) : host, '.');
  if (first.length > 63 || !WILDCARD_LABEL.test(first)) return `host ${quote(host)} is not a valid DNS name (label ${quote(first)}; a wildcard may only start the first label)`;
  if (rest !== undefined) {
    for (const label of rest.split('.')) if (!isDnsLabel(label)) return `host ${quote(host)} is not a valid DNS name (label ${quote(label)})`;
  }
  return undefined;
}

export function isIpOrCidr(s: string): boolean {
  const [ip, bits] = splitOnce(s, '/');
  if (isIP(ip) === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (isIP(ip) === 4 ? 32 : 128);
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** A protobuf JSON duration ("1.5s", also Go's "1m30s") in nanoseconds, or undefined when unparseable. */
export function parseDuration(s: string): number | undefined {
  let rest = s.trim();
  if (!rest) return undefined;
  let total = 0;
  while (rest) {
    const m = DURATION.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_NS[m[3]];
    rest = rest.slice(m[0].length);
  }
  return total;
}

const durationVerdicts = new Map<string, string | undefined>();

/** Istio's ValidateDuration: at least 1ms, whole milliseconds. The same few durations recur, so verdicts are kept. */
export function checkDuration(rep: IstioReport, pointer: string, v: unknown): void {
  if (typeof v !== 'string') return;
  if (!durationVerdicts.has(v)) durationVerdicts.set(v, durationProblem(v));
  const problem = durationVerdicts.get(v);
  if (problem) rep.error(pointer, problem);
}

function durationProblem(v: string): string | undefined {
  const ns = parseDuration(v);
  if (ns === undefined) return `${quote(v)} is not a duration (such as 500ms, 5s, 1m)`;
  if (ns < 1e6) return `duration ${quote(v)} must be at least 1ms`;
  if (Math.round(ns) % 1e6 !== 0) return `duration ${quote(v)} is not a whole number of milliseconds; only millisecond precision is supported`;
  return undefined;
}

export function checkPort(rep: IstioReport, pointer: string, v: unknown): void {
  if (typeof v === 'number' && (v < 1 || v > 65535 || !Number.isInteger(v))) rep.error(pointer, `port number ${v} must be in the range 1-65535`);
}

const regexVerdicts = new Map<string, string | undefined>();

/** RE2 accepts neither lookaround nor backreferences; Istio also caps regexes at 1024 characters. */
export function regexError(re: string): string | undefined {
  if (!regexVerdicts.has(re)) regexVerdicts.set(re, checkRegex(re));
  return regexVerdicts.get(re);
}

function checkRegex(re: string): string | undefined {
  if (re === '') return 'regex must not be empty';
  if (re.length > 1024) return `regex is longer than 1024 characters (${re.length})`;
  if (/\(\?<?[=!]/.test(re)) return `${quote(re)} uses lookaround, which RE2 (Envoy's regex engine) does not support`;
  if (/(^|[^\\])\\[1-9]/.test(re)) return `${quote(re)} uses a backreference, which RE2 (Envoy's regex engine) does not support`;
  try {
    new RegExp(re.replace(/^\(\?[imsU]+\)/, ''));
  } catch (e: any) {
    return `${quote(re)} is not a valid regular expression (${String(e?.message ?? e).replace(/^Invalid regular expression: /, '')})`;
  }
  return undefined;
}

/** exportTo entries: `.`, `*`, `~` or a namespace name; no duplicates; `*` alone. */
export function checkExportTo(rep: IstioReport, list: unknown, allowTilde = false): void {
  if (!Array.isArray(list)) return;
  const seen = new Set<string>();
  list.forEach((e, i) => {
    if (typeof e !== 'string') return;
    const at = `/spec/exportTo/${i}`;
    const norm = e === rep.r.namespace ? '.' : e;
    if (seen.has(norm)) rep.error(at, `duplicate exportTo entry ${quote(e)}`);
    seen.add(norm);
    if (e === '~' ? !allowTilde : e !== '.' && e !== '*' && !isDnsLabel(e)) rep.error(at, `exportTo entry ${quote(e)} must be ".", "*"${allowTilde ? ', "~"' : ''} or a namespace name`);
  });
  if (seen.has('*') && seen.size > 1) rep.error('/spec/exportTo', 'exportTo "*" cannot be combined with other entries');
}

/** Workload selector labels: keys non-empty, no wildcards. */
export function checkSelectorLabels(rep: IstioReport, at: string, labels: unknown): void {
  if (!labels || typeof labels !== 'object') return;
  for (const [k, v] of Object.entries(labels)) {
    if (k === '') rep.error(at, 'selector label key must not be empty');
    else if (k.includes('*') || (typeof v === 'string' && v.includes('*'))) rep.error(`${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, 'wildcards are not supported in selectors');
  }
}

export const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
