import { quote } from '../finding.ts';
import { checkDuration, HEADER_NAME, checkSelectorLabels, isIpOrCidr, isObj, IstioReport, list } from './common.ts';

// Identity fields and conditions an external authorizer (CUSTOM) is never given.
const CUSTOM_FORBIDDEN = new Set(['principals', 'notPrincipals', 'requestPrincipals', 'notRequestPrincipals', 'namespaces', 'notNamespaces', 'serviceAccounts', 'notServiceAccounts']);
const CUSTOM_FORBIDDEN_KEY = /^(source\.(principal|namespace|serviceAccount)|request\.auth\.)/;
// Attributes only HTTP requests carry.
const HTTP_ONLY = new Set(['requestPrincipals', 'notRequestPrincipals', 'hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths']);
const HTTP_ONLY_KEY = /^(request\.headers\[|request\.auth\.)/;
const WHEN_KEYS = [/^request\.headers\[[^\]]+\]$/, /^source\.(ip|namespace|principal|serviceAccount|trustDomain)$/, /^remote\.ip$/, /^request\.auth\.(principal|audiences|presenter)$/, /^request\.auth\.claims\[.+\]$/, /^destination\.(ip|port)$/, /^connection\.sni$/, /^experimental\.envoy\.filters\./];

/** selector / targetRef / targetRefs are mutually exclusive; targetRefs name a kind and no namespace. */
function policyTarget(rep: IstioReport, spec: Record<string, any>): void {
  const set = ['selector', 'targetRef', 'targetRefs'].filter((k) => spec[k] !== undefined);
  if (set.length > 1) rep.error(`/spec/${set[1]}`, `only one of selector, targetRef or targetRefs can be set (found ${set.join(' and ')})`, true);
  const refs = spec.targetRef !== undefined ? [['/spec/targetRef', spec.targetRef]] : list(spec.targetRefs).map((t, i) => [`/spec/targetRefs/${i}`, t]);
  for (const [at, t] of refs) {
    if (!isObj(t)) continue;
    if (!t.name) rep.error(at, 'targetRef needs a name');
    if (t.namespace) rep.error(`${at}/namespace`, 'cross-namespace targetRef is not supported', true);
  }
  checkSelectorLabels(rep, '/spec/selector/matchLabels', spec.selector?.matchLabels);
}

export function peerAuthentication(rep: IstioReport, spec: Record<string, any>): void {
  checkSelectorLabels(rep, '/spec/selector/matchLabels', spec.selector?.matchLabels);
  const labels = spec.selector?.matchLabels;
  if (isObj(labels) && !Object.keys(labels).length) rep.warn('/spec/selector/matchLabels', 'an empty selector applies the policy to every workload in the namespace; remove the selector to say so');
  if (spec.portLevelMtls !== undefined) {
    if (!isObj(labels) || !Object.keys(labels).length) rep.error('/spec/portLevelMtls', 'portLevelMtls requires a workload selector with labels', true);
    if (isObj(spec.portLevelMtls) && !Object.keys(spec.portLevelMtls).length) rep.error('/spec/portLevelMtls', 'portLevelMtls must not be empty');
    for (const k of isObj(spec.portLevelMtls) ? Object.keys(spec.portLevelMtls) : []) {
      const n = Number(k);
      if (!/^\d+$/.test(k) || n < 1 || n > 65535) rep.error(`/spec/portLevelMtls/${k}`, `port ${quote(k)} must be a number in 1-65535`, true);
    }
  }
}

export function authorizationPolicy(rep: IstioReport, spec: Record<string, any>): void {
  policyTarget(rep, spec);
  const action = spec.action ?? 'ALLOW';
  if ((action === 'DENY' || action === 'CUSTOM') && !list(spec.rules).length) rep.error('/spec', `a ${action} policy needs at least one rule`);
  if (action === 'CUSTOM' && !spec.provider?.name) rep.error('/spec', 'a CUSTOM policy needs provider.name');
  if (spec.provider !== undefined && action !== 'CUSTOM') rep.error('/spec/provider', 'provider can only be set with action CUSTOM', true);
  list(spec.rules).forEach((rule, i) => {
    if (!isObj(rule)) return;
    const at = `/spec/rules/${i}`;
    for (const side of ['from', 'to'] as const) {
      if (rule[side] !== undefined && !list(rule[side]).length) rep.error(`${at}/${side}`, `${side} must not be empty when set`, true);
      list(rule[side]).forEach((e, j) => {
        const inner = e?.[side === 'from' ? 'source' : 'operation'];
        const p = `${at}/${side}/${j}`;
        if (!isObj(inner) || !Object.keys(inner).length) rep.error(p, `${side} entry needs a non-empty ${side === 'from' ? 'source' : 'operation'}`);
        else fields(rep, `${p}/${side === 'from' ? 'source' : 'operation'}`, inner, action);
      });
    }
    list(rule.when).forEach((w, j) => {
      const p = `${at}/when/${j}`;
      if (!isObj(w)) return;
      if (typeof w.key === 'string' && !WHEN_KEYS.some((re) => re.test(w.key))) rep.error(`${p}/key`, `unknown condition key ${quote(w.key)}`);
      else if (typeof w.key === 'string' && action === 'CUSTOM' && CUSTOM_FORBIDDEN_KEY.test(w.key)) rep.error(`${p}/key`, `condition ${quote(w.key)} is not supported with action CUSTOM`);
      if (!list(w.values).length && !list(w.notValues).length) rep.error(p, 'condition needs values or notValues');
    });
    if (action === 'DENY') httpOnlyDeny(rep, at, rule);
  });
}

function fields(rep: IstioReport, at: string, o: Record<string, any>, action: string): void {
  for (const [k, v] of Object.entries(o)) {
    if (action === 'CUSTOM' && CUSTOM_FORBIDDEN.has(k)) rep.error(`${at}/${k}`, `${k} is not supported with action CUSTOM: the external authorizer is not given the caller's identity`, true);
    if (!Array.isArray(v)) continue;
    v.forEach((s, i) => {
      if (s === '') rep.error(`${at}/${k}/${i}`, `empty string in ${k}`);
      else if (typeof s === 'string' && /^(not)?(ipBlocks|remoteIpBlocks)$/i.test(k) && !isIpOrCidr(s)) rep.error(`${at}/${k}/${i}`, `${quote(s)} is not an IP address or CIDR block`);
      else if (typeof s === 'string' && /^(not)?ports$/i.test(k) && (!/^\d+$/.test(s) || Number(s) > 65535)) rep.error(`${at}/${k}/${i}`, `port ${quote(s)} must be a number up to 65535`);
      else if (typeof s === 'string' && /^(not)?paths$/i.test(k) && /[{}]/.test(s) && pathTemplateProblem(s)) rep.error(`${at}/${k}/${i}`, pathTemplateProblem(s)!);
      else if (typeof s === 'string' && /^(not)?trustDomains$/i.test(k) && s.slice(1, -1).includes('*')) rep.error(`${at}/${k}/${i}`, `trust domain ${quote(s)} may use "*" only at its start or end`);
    });
  }
}

/** The attributes of a rule; for `when` conditions, the key. */
function ruleAttributes(rule: Record<string, any>): string[] {
  const out: string[] = [];
  for (const [side, inner] of [['from', 'source'], ['to', 'operation']]) {
    for (const e of list(rule[side])) for (const [k, v] of isObj(e?.[inner]) ? Object.entries(e[inner]) : []) if (list(v).length) out.push(k);
  }
  for (const w of list(rule.when)) if (typeof w?.key === 'string') out.push(w.key);
  return out;
}

/** A DENY rule is applied to TCP traffic without its HTTP-only attributes: with nothing else left it matches every connection. */
function httpOnlyDeny(rep: IstioReport, at: string, rule: Record<string, any>): void {
  const attrs = ruleAttributes(rule);
  if (!attrs.length || !attrs.every((a) => HTTP_ONLY.has(a) || HTTP_ONLY_KEY.test(a))) return;
  rep.warn(at, `DENY rule uses only HTTP attributes (${[...new Set(attrs)].join(', ')}), which TCP traffic does not have: all TCP traffic to the workload will be denied`);
}

export function requestAuthentication(rep: IstioReport, spec: Record<string, any>): void {
  policyTarget(rep, spec);
  list(spec.jwtRules).forEach((j, i) => {
    if (!isObj(j)) return;
    const at = `/spec/jwtRules/${i}`;
    if (!j.issuer && !j.jwksUri) rep.error(at, 'jwt rule needs an issuer or a jwksUri');
    if (typeof j.jwksUri === 'string' && !/^https?:\/\/[^/]/.test(j.jwksUri)) rep.error(`${at}/jwksUri`, `jwksUri ${quote(j.jwksUri)} must be an http:// or https:// URL`);
    if (typeof j.jwks === 'string') {
      try {
        const set = JSON.parse(j.jwks);
        if (!Array.isArray(set?.keys)) rep.error(`${at}/jwks`, 'jwks must be a JSON Web Key Set (an object with "keys")');
        else if (set.keys.some((k: any) => k && typeof k === 'object' && ('d' in k || 'p' in k || 'k' in k))) rep.warn(`${at}/jwks`, 'jwks holds private key material; publish only the public keys');
      } catch {
        rep.error(`${at}/jwks`, 'jwks is not valid JSON');
      }
    }
    for (const k of ['audiences', 'fromParams', 'fromCookies']) list(j[k]).forEach((s, x) => s === '' && rep.error(`${at}/${k}/${x}`, `empty string in ${k}`));
    list(j.fromHeaders).forEach((h, x) => isObj(h) && (!h.name || !HEADER_NAME.test(h.name)) && rep.error(`${at}/fromHeaders/${x}`, 'fromHeaders entry needs a valid header name'));
    list(j.outputClaimToHeaders).forEach((h, x) => {
      if (!isObj(h)) return;
      if (!h.claim) rep.error(`${at}/outputClaimToHeaders/${x}`, 'outputClaimToHeaders entry needs a claim');
      if (!h.header || !HEADER_NAME.test(h.header)) rep.error(`${at}/outputClaimToHeaders/${x}`, 'outputClaimToHeaders entry needs a valid header name');
    });
    checkDuration(rep, `${at}/timeout`, j.timeout);
  });
}

/** Path templates: `{*}` matches one segment, `{**}` any rest of the path and only at the end; no other braces. */
function pathTemplateProblem(path: string): string | undefined {
  const segments = path.split('/');
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (!/[{}]/.test(seg)) continue;
    if (seg === '{**}' && i !== segments.length - 1) return `${quote(path)}: {**} may only be the last path segment`;
    if (seg !== '{*}' && seg !== '{**}') return `${quote(path)}: a path template segment must be exactly {*} or {**}, not ${quote(seg)}`;
  }
  return undefined;
}
