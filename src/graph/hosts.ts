/** Host-name semantics shared by the registry and the rules (Istio's, which is how traffic is routed). */

/**
 * `reviews` in namespace `ns` → `reviews.ns.svc.<suffix>`. Hosts with a dot (including `reviews.ns`, which Istio
 * does not expand) and wildcards are returned as written, as istiod resolves them.
 */
export function fqdn(host: string, namespace: string, suffix = 'cluster.local'): string {
  if (host.startsWith('*') || host.includes('.')) return host;
  return `${host}.${namespace}.svc.${suffix}`;
}

/** `name.ns.svc.<suffix>` → { name, namespace }; undefined for any other host. */
export function parseServiceHost(host: string, suffix = 'cluster.local'): { name: string; namespace: string } | undefined {
  const tail = `.svc.${suffix}`;
  if (!host.endsWith(tail)) return undefined;
  const body = host.slice(0, -tail.length);
  const dot = body.lastIndexOf('.');
  if (dot <= 0 || dot === body.length - 1) return undefined;
  return { name: body.slice(0, dot), namespace: body.slice(dot + 1) };
}

export function isWildcard(host: string): boolean {
  return host.startsWith('*');
}

/**
 * Whether two hosts can name the same thing: equal, or a wildcard covers the other (`*.com` ~ `foo.com`;
 * `*.foo.com` does not cover `foo.com`; `*` covers all). Two wildcards overlap when one's suffix contains the other's.
 */
export function hostsOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  const wa = a.startsWith('*');
  const wb = b.startsWith('*');
  if (wa && wb) {
    const sa = a.slice(1);
    const sb = b.slice(1);
    return sa.length > sb.length ? sa.endsWith(sb) : sb.endsWith(sa);
  }
  if (wa) return b.endsWith(a.slice(1));
  if (wb) return a.endsWith(b.slice(1));
  return false;
}

/** True when wildcard (or plain) host `pattern` covers `host` entirely. */
export function hostCovers(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (!pattern.startsWith('*')) return false;
  const suffix = pattern.slice(1);
  const h = host.startsWith('*') ? host.slice(1) : host;
  return h.endsWith(suffix);
}

/**
 * The wildcard patterns that could cover a host: `a.b.c` → `*.b.c`, `*.c`, `*` (and `*.a.b.c` for a wildcard input),
 * so wildcard entries can be found with map lookups instead of a scan.
 */
export function coveringWildcards(host: string): string[] {
  const h = host.startsWith('*') ? host.slice(1) : host;
  const out: string[] = [];
  for (let i = h.indexOf('.'); i !== -1; i = h.indexOf('.', i + 1)) out.push('*' + h.slice(i));
  out.push('*');
  return out;
}

/**
 * The namespaces an object is exported to: `.` becomes its own namespace; `*` anywhere makes it public;
 * empty means the MeshConfig default for the kind.
 */
export function exportScopes(exportTo: readonly string[] | undefined, namespace: string, defaults: readonly string[]): string[] {
  const list = exportTo && exportTo.length ? exportTo : defaults;
  if (list.includes('*')) return ['*'];
  return [...new Set(list.map((e) => (e === '.' ? namespace : e)))];
}

/** Whether an object with these export scopes is visible to proxies and config in namespace `ns`. */
export function visibleFrom(scopes: readonly string[], ns: string): boolean {
  return scopes.includes('*') || scopes.includes(ns);
}

/** The `exportTo` list of a resource: `spec.exportTo`, else the `networking.istio.io/exportTo` annotation (Services). */
export function declaredExportTo(spec: any, annotations: Readonly<Record<string, string>>): string[] {
  if (Array.isArray(spec?.exportTo)) return spec.exportTo.filter((e: unknown): e is string => typeof e === 'string');
  const a = annotations['networking.istio.io/exportTo'];
  return a ? a.split(',').map((s) => s.trim()).filter(Boolean) : [];
}
