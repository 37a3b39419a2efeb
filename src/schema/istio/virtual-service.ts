import { escapeToken } from '../../core/pointer.ts';
import { quote } from '../finding.ts';
import { checkDuration, HEADER_NAME, checkExportTo, checkPort, isDnsLabel, isObj, IstioReport, list, parseDuration, regexError, wildcardDomainError } from './common.ts';
import { ipVersion as isIP } from '../ip.ts';

const RETRY_ON = new Set(['5xx', 'gateway-error', 'reset', 'reset-before-request', 'connect-failure', 'envoy-ratelimited', 'retriable-4xx', 'refused-stream', 'retriable-status-codes', 'retriable-headers', 'http3-post-connect-failure', 'cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable']);
const GRPC_CODES = new Set(['OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED']);
const EXCLUSIVE: readonly [string, string][] = [
  ['route', 'redirect'], ['route', 'directResponse'], ['redirect', 'directResponse'], ['redirect', 'rewrite'], ['redirect', 'fault'],
  ['directResponse', 'rewrite'], ['directResponse', 'fault'], ['delegate', 'route'], ['delegate', 'redirect'], ['mirror', 'mirrors'],
];
const PSEUDO = new Set([':method', ':scheme', ':authority', ':path', ':status']);
const JWT_CLAIM = /^@request\.auth\.claims[.[]/;
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;
// `%%`, or an Envoy command operator: `%NAME%`, `%NAME(arg)%`, `%NAME(arg):LEN%`.
const SUBSTITUTION = /%%|%[A-Z][A-Z0-9_]*(\([^)]*\))?(:[0-9]+)?%/y;

export function virtualService(rep: IstioReport, spec: Record<string, any>): void {
  const hosts = list(spec.hosts);
  const gateways = list(spec.gateways);
  const mesh = gateways.length === 0 || gateways.includes('mesh');
  if (!Array.isArray(spec.hosts) || hosts.length === 0) {
    // A delegate VirtualService: no hosts, only http routes.
    if (gateways.length) rep.error('/spec/gateways', 'a delegate VirtualService (no hosts) cannot set gateways');
    if (spec.tcp !== undefined) rep.error('/spec/tcp', 'a delegate VirtualService (no hosts) only supports http routes', true);
    if (spec.tls !== undefined) rep.error('/spec/tls', 'a delegate VirtualService (no hosts) only supports http routes', true);
  }
  hosts.forEach((h, i) => {
    if (typeof h !== 'string') return;
    if (h === '*' && mesh) rep.error(`/spec/hosts/${i}`, 'wildcard host "*" is not allowed for a VirtualService bound to the mesh');
    else if (wildcardDomainError(h) && isIP(h) === 0) rep.error(`/spec/hosts/${i}`, wildcardDomainError(h)!);
  });
  overlappingHosts(rep, hosts);
  gateways.forEach((g, i) => gatewayRef(rep, `/spec/gateways/${i}`, g));
  if (!list(spec.http).length && !list(spec.tcp).length && !list(spec.tls).length) rep.error('/spec', 'http, tcp or tls must be provided');
  checkExportTo(rep, spec.exportTo);
  const delegate = !hosts.length;
  list(spec.http).forEach((h, i) => isObj(h) && httpRoute(rep, `/spec/http/${i}`, h, delegate));
  // Envoy sees JWT claims only where a gateway validated the token: istiod rejects claim matches on sidecars.
  if (!gateways.some((g) => g !== 'mesh')) jwtClaimMatches(rep, spec, gateways);
  for (const kind of ['tcp', 'tls'] as const) {
    list(spec[kind]).forEach((t, i) => {
      if (!isObj(t)) return;
      if (!list(t.route).length) rep.error(`/spec/${kind}/${i}`, `${kind} route must have at least one destination`);
      list(t.route).forEach((d, j) => destination(rep, `/spec/${kind}/${i}/route/${j}/destination`, d?.destination));
      list(t.match).forEach((m, j) => list(m?.gateways).forEach((g, k) => gatewayRef(rep, `/spec/${kind}/${i}/match/${j}/gateways/${k}`, g)));
    });
  }
}

/** Istio rejects a VirtualService whose hosts overlap (`*.foo.com` and `a.foo.com`): the routes would be ambiguous. */
function overlappingHosts(rep: IstioReport, hosts: unknown[]): void {
  if (hosts.length < 2 || hosts.length > 64) return;
  for (let j = 1; j < hosts.length; j++) {
    for (let i = 0; i < j; i++) {
      const a = hosts[i];
      const b = hosts[j];
      if (typeof a === 'string' && typeof b === 'string' && hostsOverlap(a, b)) {
        rep.error(`/spec/hosts/${j}`, `host ${quote(b)} overlaps host ${quote(a)}: one VirtualService cannot list both`);
        break;
      }
    }
  }
}

function hostsOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  const covers = (w: string, h: string) => w === '*' || (w.startsWith('*') && h.endsWith(w.slice(1)));
  return covers(a, b) || covers(b, a);
}

function gatewayRef(rep: IstioReport, at: string, g: unknown): void {
  if (typeof g !== 'string' || g === 'mesh') return;
  const slash = g.indexOf('/');
  if (slash >= 0) {
    const ns = g.slice(0, slash);
    const name = g.slice(slash + 1);
    if (!isDnsLabel(ns) || !isDnsLabel(name)) rep.error(at, `gateway ${quote(g)} must be "namespace/name" with both parts DNS labels`);
  } else if (g.includes('.')) {
    rep.warn(at, `gateway ${quote(g)} uses the legacy "name.namespace" form; write it as "namespace/name"`, false, 'KIA1108');
  } else if (!isDnsLabel(g)) rep.error(at, `gateway name ${quote(g)} is not a valid DNS label`);
}

function jwtClaimMatches(rep: IstioReport, spec: Record<string, any>, gateways: unknown[]): void {
  list(spec.http).forEach((h, i) =>
    list(h?.match).forEach((m, j) => {
      for (const k of ['headers', 'withoutHeaders']) {
        for (const name of isObj(m?.[k]) ? Object.keys(m[k]) : []) {
          if (!JWT_CLAIM.test(name)) continue;
          const bound = gateways.length ? `only to ${gateways.map((g) => quote(String(g))).join(', ')}` : 'to no gateway (only the mesh)';
          rep.error(`/spec/http/${i}/match/${j}/${k}/${escapeToken(name)}`, `JWT claim based routing (${quote(name)}) is only supported on gateways, but this VirtualService is bound ${bound}`, true);
        }
      }
    }),
  );
}

function httpRoute(rep: IstioReport, at: string, h: Record<string, any>, inDelegate: boolean): void {
  const has = (k: string) => h[k] !== undefined && h[k] !== null;
  if (inDelegate && has('delegate')) rep.error(`${at}/delegate`, 'a delegate VirtualService cannot delegate further', true);
  const route = list(h.route);
  if (!route.length && !has('redirect') && !has('directResponse') && !has('delegate')) rep.error(at, 'an HTTP route needs one of route, redirect, directResponse or delegate');
  for (const [a, b] of EXCLUSIVE) {
    if (has(a) && has(b) && (a !== 'route' || route.length)) rep.error(`${at}/${b}`, `${a} and ${b} cannot be set in the same HTTP route`, true);
  }
  route.forEach((d, j) => destination(rep, `${at}/route/${j}/destination`, d?.destination));
  route.forEach((d, j) => isObj(d?.headers) && headerOps(rep, `${at}/route/${j}/headers`, d.headers));
  if (has('mirror')) destination(rep, `${at}/mirror`, h.mirror);
  list(h.mirrors).forEach((m, j) => destination(rep, `${at}/mirrors/${j}/destination`, m?.destination));
  checkDuration(rep, `${at}/timeout`, h.timeout);
  list(h.match).forEach((m, j) => isObj(m) && match(rep, `${at}/match/${j}`, m));
  if (isObj(h.retries)) retries(rep, `${at}/retries`, h.retries);
  if (isObj(h.fault)) fault(rep, `${at}/fault`, h.fault);
  if (isObj(h.redirect)) redirect(rep, at, h.redirect, list(h.match));
  if (isObj(h.rewrite)) rewrite(rep, `${at}/rewrite`, h.rewrite);
  authorityOnce(rep, at, h);
  if (isObj(h.corsPolicy)) {
    checkDuration(rep, `${at}/corsPolicy/maxAge`, h.corsPolicy.maxAge);
    const maxAge = typeof h.corsPolicy.maxAge === 'string' ? parseDuration(h.corsPolicy.maxAge) : undefined;
    if (maxAge !== undefined && maxAge >= 1e6 && maxAge % 1e9 !== 0) rep.error(`${at}/corsPolicy/maxAge`, `maxAge ${quote(h.corsPolicy.maxAge)} must be a whole number of seconds`);
    list(h.corsPolicy.allowOrigins).forEach((o, j) => stringMatch(rep, `${at}/corsPolicy/allowOrigins/${j}`, o, false));
  }
  if (isObj(h.headers)) headerOps(rep, `${at}/headers`, h.headers);
}

function destination(rep: IstioReport, at: string, d: unknown): void {
  if (!isObj(d)) return;
  if (typeof d.host === 'string') {
    if (d.host === '*') rep.error(`${at}/host`, 'destination host "*" is not allowed');
    else if (wildcardDomainError(d.host) && isIP(d.host) === 0) rep.error(`${at}/host`, wildcardDomainError(d.host)!);
  }
  if (typeof d.subset === 'string' && !isDnsLabel(d.subset)) rep.error(`${at}/subset`, `subset ${quote(d.subset)} is not a valid DNS label`);
  checkPort(rep, `${at}/port/number`, d.port?.number);
}

function match(rep: IstioReport, at: string, m: Record<string, any>): void {
  for (const k of ['uri', 'scheme', 'method', 'authority']) stringMatch(rep, `${at}/${k}`, m[k], k === 'uri');
  for (const k of ['headers', 'queryParams', 'withoutHeaders']) {
    if (!isObj(m[k])) continue;
    for (const [name, sm] of Object.entries(m[k])) {
      const p = `${at}/${k}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (k !== 'queryParams' && !HEADER_NAME.test(name) && !PSEUDO.has(name) && !name.startsWith('@request.auth.claims')) rep.error(p, `header name ${quote(name)} is not a valid HTTP header name`, true);
      if (k === 'withoutHeaders' && isObj(sm) && sm.regex === '*') continue;
      stringMatch(rep, p, sm, false);
    }
  }
  list(m.gateways).forEach((g, j) => gatewayRef(rep, `${at}/gateways/${j}`, g));
}

function stringMatch(rep: IstioReport, at: string, sm: unknown, emptyPrefixOk: boolean): void {
  if (!isObj(sm)) return;
  if (typeof sm.regex === 'string') {
    const e = regexError(sm.regex);
    if (e) rep.error(`${at}/regex`, e);
  }
  if (sm.prefix === '' && !emptyPrefixOk) rep.error(`${at}/prefix`, 'prefix must not be empty');
}

function retries(rep: IstioReport, at: string, r: Record<string, any>): void {
  if (typeof r.attempts === 'number' && r.attempts < 0) rep.error(`${at}/attempts`, 'attempts cannot be negative');
  if (r.attempts === 0) {
    for (const k of ['perTryTimeout', 'retryOn', 'retryRemoteLocalities']) if (r[k] !== undefined) rep.error(`${at}/${k}`, `${k} cannot be set when attempts is 0 (retries are off)`, true);
  }
  checkDuration(rep, `${at}/perTryTimeout`, r.perTryTimeout);
  checkDuration(rep, `${at}/backoff`, r.backoff);
  if (typeof r.retryOn === 'string') {
    for (const c of r.retryOn.split(',').map((s: string) => s.trim())) {
      if (c && !RETRY_ON.has(c) && !/^\d{3}$/.test(c)) rep.error(`${at}/retryOn`, `retryOn condition ${quote(c)} is not a known Envoy retry condition or HTTP status code`);
    }
  }
}

function fault(rep: IstioReport, at: string, f: Record<string, any>): void {
  if (f.abort === undefined && f.delay === undefined) rep.error(at, 'fault injection needs an abort or a delay');
  for (const k of ['abort', 'delay']) {
    const v = f[k]?.percentage?.value;
    if (typeof v === 'number' && (v < 0 || v > 100)) rep.error(`${at}/${k}/percentage/value`, `percentage ${v} must be between 0 and 100`);
    else if (typeof v === 'number' && v > 0 && v < 0.0001) rep.error(`${at}/${k}/percentage/value`, `percentage ${v} is too small: the smallest fraction Envoy applies is 0.0001`);
  }
  const a = f.abort;
  if (isObj(a)) {
    if (a.httpStatus === undefined && a.grpcStatus === undefined && a.http2Error === undefined) rep.warn(`${at}/abort`, 'abort is configured without an error type (httpStatus or grpcStatus): no request is aborted');
    if (typeof a.httpStatus === 'number' && (a.httpStatus < 200 || a.httpStatus > 600)) rep.error(`${at}/abort/httpStatus`, `httpStatus ${a.httpStatus} must be between 200 and 600`);
    if (typeof a.grpcStatus === 'string' && !GRPC_CODES.has(a.grpcStatus)) rep.error(`${at}/abort/grpcStatus`, `grpcStatus ${quote(a.grpcStatus)} is not a gRPC status code name`);
    if (a.http2Error !== undefined) rep.error(`${at}/abort/http2Error`, 'http2Error aborts are not supported', true);
  }
  if (isObj(f.delay)) {
    checkDuration(rep, `${at}/delay/fixedDelay`, f.delay.fixedDelay);
    if (f.delay.exponentialDelay !== undefined) rep.error(`${at}/delay/exponentialDelay`, 'exponentialDelay is not supported', true);
  }
}

function redirect(rep: IstioReport, routeAt: string, r: Record<string, any>, matches: unknown[]): void {
  const at = `${routeAt}/redirect`;
  if (r.uri !== undefined && r.prefixRewrite !== undefined) rep.error(`${at}/prefixRewrite`, 'uri and prefixRewrite cannot both be set', true);
  // prefixRewrite replaces the matched prefix, so every URI match must be a prefix match.
  if (r.prefixRewrite !== undefined) {
    matches.forEach((m, j) => {
      if (isObj(m) && isObj(m.uri) && m.uri.prefix === undefined) rep.error(`${routeAt}/match/${j}/uri`, 'prefixRewrite needs prefix URI matches; this match has no prefix to replace', true);
    });
  }
  if (r.uri === undefined && r.authority === undefined && r.scheme === undefined && r.port === undefined && r.derivePort === undefined) rep.error(at, 'redirect needs at least one of uri, authority, scheme or port');
  if (typeof r.redirectCode === 'number' && (r.redirectCode < 300 || r.redirectCode > 399)) rep.error(`${at}/redirectCode`, `redirectCode ${r.redirectCode} must be a 3xx status`);
  if (typeof r.scheme === 'string' && r.scheme !== 'http' && r.scheme !== 'https') rep.error(`${at}/scheme`, `redirect scheme ${quote(r.scheme)} must be "http" or "https"`);
}

function rewrite(rep: IstioReport, at: string, r: Record<string, any>): void {
  if (r.uri !== undefined && r.uriRegexRewrite !== undefined) rep.error(`${at}/uriRegexRewrite`, 'uri and uriRegexRewrite cannot both be set', true);
  if (r.uri === undefined && r.uriRegexRewrite === undefined && r.authority === undefined) rep.error(at, 'rewrite needs at least one of uri, uriRegexRewrite or authority');
  if (typeof r.uriRegexRewrite?.match === 'string') {
    const e = regexError(r.uriRegexRewrite.match);
    if (e) rep.error(`${at}/uriRegexRewrite/match`, e);
  }
}

function headerOps(rep: IstioReport, at: string, h: Record<string, any>): void {
  for (const side of ['request', 'response'] as const) {
    const ops = h[side];
    if (!isObj(ops)) continue;
    for (const op of ['set', 'add', 'remove'] as const) {
      const names = op === 'remove' ? list(ops.remove) : isObj(ops[op]) ? Object.keys(ops[op]) : [];
      names.forEach((n: unknown) => {
        if (typeof n !== 'string') return;
        const lower = n.toLowerCase();
        const allowed = side === 'request' && op !== 'remove' && (lower === ':authority' || lower === 'host');
        if (!allowed && (lower === 'host' || n.startsWith(':'))) rep.error(`${at}/${side}/${op}`, `header ${quote(n)} cannot be ${op === 'remove' ? 'removed' : 'set'} in the ${side}`);
        else if (!n.startsWith(':') && !HEADER_NAME.test(n)) rep.error(`${at}/${side}/${op}`, `header name ${quote(n)} is not a valid HTTP header name`);
        const value = op === 'remove' ? undefined : ops[op][n];
        const problem = typeof value === 'string' ? headerValueProblem(value) : undefined;
        if (problem) rep.error(`${at}/${side}/${op}/${escapeToken(n)}`, `header ${quote(n)}: ${problem}`);
      });
    }
  }
}

/** Envoy reads `%NAME%` in header values as a substitution; a lone `%` makes it reject the listener. */
export function headerValueProblem(v: string): string | undefined {
  if (CONTROL.test(v)) return 'value contains a control character';
  for (let i = v.indexOf('%'); i >= 0; i = v.indexOf('%', i)) {
    SUBSTITUTION.lastIndex = i;
    const m = SUBSTITUTION.exec(v);
    if (!m) return `value ${quote(v)} has an unescaped "%"; write "%%" for a literal percent sign, or %NAME% for a substitution`;
    i += m[0].length;
  }
  return undefined;
}

/** The authority may be rewritten once: rewrite.authority, or one request header set/add of `:authority` / `host`. */
function authorityOnce(rep: IstioReport, at: string, h: Record<string, any>): void {
  let current = typeof h.rewrite?.authority === 'string' && h.rewrite.authority ? h.rewrite.authority : undefined;
  for (const op of ['set', 'add'] as const) {
    const ops = h.headers?.request?.[op];
    for (const k of isObj(ops) ? Object.keys(ops) : []) {
      const lower = k.toLowerCase();
      if (lower !== ':authority' && lower !== 'host') continue;
      if (current !== undefined) rep.error(`${at}/headers/request/${op}/${escapeToken(k)}`, `the authority is rewritten twice: ${quote(String(current))} and ${quote(String(ops[k]))}; keep one`, true);
      current = ops[k];
    }
  }
}
