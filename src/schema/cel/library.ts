import { createRequire } from 'node:module';
import { ipVersion as isIP } from '../ip.ts';

// The CEL library is required only when a document reaches a CEL rule. In the bundle this `require` is
// esbuild's (the library is bundled and initialised on first use); from source it is Node's.
declare const require: ((id: string) => any) | undefined;
const requireHere = createRequire(import.meta.url);

export interface CelProgram {
  (bindings: Record<string, unknown>): unknown;
}

export interface CelEnv {
  parse(rule: string): CelProgram;
}

let env: CelEnv | undefined;

/** The CEL environment with the Kubernetes library functions Istio's and Gateway API's rules call. */
export function celEnvironment(): CelEnv {
  if (env) return env;
  const lib = typeof require === 'function' ? require('@marcbachmann/cel-js') : requireHere('@marcbachmann/cel-js');
  const e = new lib.Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });
  e.registerType('K8sURL', K8sURL);
  e.registerType('K8sFormat', K8sFormat);
  e.registerType('K8sFormatValidator', K8sFormatValidator);
  e.registerFunction('isURL(string): bool', (s: string) => parseK8sUrl(s) !== undefined);
  e.registerFunction('url(string): K8sURL', (s: string) => {
    const u = parseK8sUrl(s);
    if (!u) throw new Error(`URL parse error during conversion from string: ${s}`);
    return u;
  });
  for (const [name, get] of Object.entries(URL_GETTERS)) {
    e.registerFunction({ name, receiverType: 'K8sURL', returnType: 'string', params: [], handler: (u: K8sURL) => get(u) });
  }
  e.registerFunction('isIP(string): bool', (s: string) => isIP(s) !== 0);
  e.registerFunction({ name: 're2Matches', receiverType: 'string', returnType: 'bool', params: [{ name: 'pattern', type: 'string' }], handler: (s: string, p: string) => re2(p).test(s) });
  e.registerConstant('format', 'K8sFormat', new K8sFormat());
  e.registerFunction({ name: 'dns1123Label', receiverType: 'K8sFormat', returnType: 'K8sFormatValidator', params: [], handler: () => new K8sFormatValidator('dns1123Label') });
  e.registerFunction({ name: 'dns1123Subdomain', receiverType: 'K8sFormat', returnType: 'K8sFormatValidator', params: [], handler: () => new K8sFormatValidator('dns1123Subdomain') });
  e.registerFunction({ name: 'validate', receiverType: 'K8sFormatValidator', returnType: 'dyn', params: [{ name: 'value', type: 'string' }], handler: (f: K8sFormatValidator, s: string) => f.validate(s) });
  env = { parse: (rule) => e.parse(rewrite(rule)) as CelProgram };
  return env;
}

// Kubernetes evaluates `matches` with RE2; JavaScript regexes lack RE2's inline flags, so calls are routed
// through re2Matches, which translates them.
function rewrite(rule: string): string {
  return hasOnIndex(rule.replace(/\.matches\(/g, '.re2Matches('));
}

/**
 * The library's has() accepts only `a.b.c` chains, not `self.matches[0].path`. Our objects are maps, for which
 * has(e.f) means `"f" in e`, so such calls are rewritten to that.
 */
function hasOnIndex(rule: string): string {
  let out = '';
  let i = 0;
  for (let at = rule.indexOf('has(', i); at >= 0; at = rule.indexOf('has(', i)) {
    const start = at + 4;
    let depth = 1;
    let j = start;
    for (; j < rule.length && depth; j++) {
      if (rule[j] === '(' || rule[j] === '[') depth++;
      else if (rule[j] === ')' || rule[j] === ']') depth--;
    }
    const arg = rule.slice(start, j - 1);
    const dot = arg.lastIndexOf('.');
    const prev = at > 0 ? rule[at - 1] : ' ';
    if (/[\w.]/.test(prev) || dot < 0 || !arg.slice(0, dot).includes('[') || !/^\w+$/.test(arg.slice(dot + 1))) {
      out += rule.slice(i, start);
      i = start;
      continue;
    }
    out += `${rule.slice(i, at)}("${arg.slice(dot + 1)}" in ${arg.slice(0, dot)})`;
    i = j;
  }
  return out + rule.slice(i);
}

const regexCache = new Map<string, RegExp>();
function re2(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    let flags = '';
    const body = pattern.replace(/\(\?([imsU]+)\)/g, (_m, f: string) => {
      for (const c of f) if (c !== 'U' && !flags.includes(c)) flags += c;
      return '';
    });
    re = new RegExp(body, flags);
    regexCache.set(pattern, re);
  }
  return re;
}

class K8sURL {
  constructor(readonly url: URL | undefined, readonly path: string) {}
}

const URL_GETTERS: Record<string, (u: K8sURL) => string> = {
  getScheme: (u) => (u.url ? u.url.protocol.replace(/:$/, '') : ''),
  getHost: (u) => u.url?.host ?? '',
  getHostname: (u) => u.url?.hostname.replace(/^\[|\]$/g, '') ?? '',
  getPort: (u) => u.url?.port ?? '',
  getEscapedPath: (u) => (u.url ? u.url.pathname : u.path),
  getQuery: (u) => u.url?.search.replace(/^\?/, '') ?? '',
};

/** Kubernetes' isURL: an absolute URI, or an absolute path. */
function parseK8sUrl(s: string): K8sURL | undefined {
  if (s.startsWith('/')) return new K8sURL(undefined, s);
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(s)) return undefined;
  try {
    return new K8sURL(new URL(s), '');
  } catch {
    return undefined;
  }
}

class K8sFormat {}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

class K8sFormatValidator {
  constructor(readonly name: string) {}
  /** null when valid, else the list of problems (Kubernetes returns an optional list). */
  validate(s: string): string[] | null {
    const [re, max] = this.name === 'dns1123Label' ? [DNS1123_LABEL, 63] : [DNS1123_SUBDOMAIN, 253];
    const errs: string[] = [];
    if (s.length > max) errs.push(`must be no more than ${max} characters`);
    if (!re.test(s)) errs.push(`a lowercase RFC 1123 ${this.name === 'dns1123Label' ? 'label' : 'subdomain'} must consist of lower case alphanumeric characters or '-'`);
    return errs.length ? errs : null;
  }
}
