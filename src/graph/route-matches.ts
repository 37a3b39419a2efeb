import type { RouteKind, VirtualServiceInfo } from './routing.ts';
import { ROUTE_KINDS, routeLabel } from './routing.ts';

/** A route that never receives traffic, or a match that never matches, because earlier ones take it first. */
export interface ShadowedRoute {
  kind: 'unreachable' | 'ineffective';
  route: RouteKind;
  routeIndex: number;
  /** The match (ineffective) or the first match (unreachable, when it has matches). */
  matchIndex?: number;
  /** Istio's route label (`#1`, `"name"`). */
  label: string;
  /** Unreachable: why. Ineffective: the earlier route (and match) that wins. */
  reason: string;
  matchLabel?: string;
}

const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Canonical JSON (sorted keys) of a match, without its `name`. */
function canonical(v: unknown, top = true): string {
  if (Array.isArray(v)) return `[${v.map((x) => canonical(x, false)).join(',')}]`;
  if (!isMap(v)) return JSON.stringify(v) ?? 'null';
  const keys = Object.keys(v).filter((k) => !(top && k === 'name')).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k], false)}`).join(',')}}`;
}

function matchLabel(m: any, i: number): string {
  return isMap(m) && typeof m.name === 'string' && m.name ? JSON.stringify(m.name) : `#${i}`;
}

/** `exact:x` / `prefix:x` ('' for regex or absent): the value encoding of Istio's overlap check. */
function enc(v: any): string {
  if (!isMap(v)) return '';
  if (typeof v.exact === 'string') return `exact:${v.exact}`;
  if (typeof v.prefix === 'string') return `prefix:${v.prefix}`;
  return '';
}

function sameKeysCompatible(a: any, b: any): boolean {
  const ka = isMap(a) ? Object.keys(a).sort() : [];
  const kb = isMap(b) ? Object.keys(b).sort() : [];
  if (ka.join('\0') !== kb.join('\0')) return false;
  return ka.every((k) => enc(a[k]).startsWith(enc(b[k])));
}

/** Earlier match `a` takes every request later match `b` would (HTTP uri prefixes, as istiod's validation checks). */
function prefixShadows(a: any, b: any): boolean {
  const pa = a.uri.prefix as string;
  const pb = b.uri.prefix as string;
  if (pa === pb || !pb.startsWith(pa)) return false;
  if (a.port !== b.port) return false;
  const method = (m: any) => (isMap(m) ? enc(m) : 'exact:GET');
  if (!method(a.method).startsWith(method(b.method))) return false;
  if (!enc(a.authority).startsWith(enc(b.authority))) return false;
  return ['headers', 'queryParams', 'withoutHeaders'].every((k) => sameKeysCompatible(a[k], b[k]));
}

/** Routes and matches of a VirtualService that earlier ones shadow, per route list (istiod's unreachable-rule analysis). */
export function shadowedRoutes(vs: VirtualServiceInfo): ShadowedRoute[] {
  const out: ShadowedRoute[] = [];
  for (const kind of ROUTE_KINDS) {
    const routes = vs.resource.object?.spec?.[kind];
    if (!Array.isArray(routes)) continue;
    const seen = new Map<string, number>();
    const prefixes: { match: any; label: string; matchLabel: string }[] = [];
    let catchAll = -1;
    routes.forEach((rt: any, i: number) => {
      if (!isMap(rt)) return;
      const label = routeLabel(vs, kind, i);
      const matches: any[] = Array.isArray(rt.match) ? rt.match : [];
      if (!matches.length) {
        if (catchAll >= 0) out.push({ kind: 'unreachable', route: kind, routeIndex: i, label, reason: 'only the last rule can have no matches' });
        catchAll = i;
        return;
      }
      if (catchAll >= 0) out.push({ kind: 'unreachable', route: kind, routeIndex: i, matchIndex: 0, label, reason: 'route without matches defined before' });
      let dups = 0;
      matches.forEach((m, j) => {
        const key = canonical(m);
        const earlier = seen.get(key);
        const ml = matchLabel(m, j);
        if (earlier !== undefined) {
          dups++;
          out.push({ kind: 'ineffective', route: kind, routeIndex: i, matchIndex: j, label, matchLabel: ml, reason: `route ${routeLabel(vs, kind, earlier)}` });
          return;
        }
        seen.set(key, i);
        if (kind !== 'http' || !isMap(m) || !isMap(m.uri) || typeof m.uri.prefix !== 'string' || !m.uri.prefix) return;
        for (const p of prefixes) {
          if (prefixShadows(p.match, m)) out.push({ kind: 'ineffective', route: kind, routeIndex: i, matchIndex: j, label, matchLabel: ml, reason: `match ${p.matchLabel} (prefix ${p.match.uri.prefix}) of route ${p.label}` });
        }
        prefixes.push({ match: m, label, matchLabel: ml });
      });
      if (dups === matches.length) out.push({ kind: 'unreachable', route: kind, routeIndex: i, matchIndex: 0, label, reason: 'all matches used by prior rules' });
    });
  }
  return out;
}
