// `ctx`, the policy API: report, plus read-only graph queries wired to the mesh graph's own methods.
import type { Resource } from '../core/resource.ts';
import type { Severity } from '../core/types.ts';
import { mapSelector, type MeshGraph, type Workload } from '../graph/index.ts';
import { security } from '../graph/security/index.ts';
import { describe, fail, isPlainObject, markCallable, toStr } from './runtime/values.ts';
import type { Views } from './views.ts';

export interface Finding {
  resource: Resource;
  /** The resource being checked when it was reported. */
  current: Resource;
  pointer: string;
  key: boolean;
  message: string;
  severity?: Severity;
  fix?: string;
  related: { resource: Resource; pointer: string; message: string }[];
}

export interface PolicyCursor {
  /** The resource being checked. */
  current: Resource | undefined;
  findings: Finding[];
}

const MAX_MESSAGE = 1000;

/** Resources of a kind as policies name it: `Kind` (any group) or `group/Kind` (`core/Pod` for the core group). */
export function ofKind(graph: MeshGraph, kind: string): readonly Resource[] {
  const slash = kind.lastIndexOf('/');
  if (slash < 0) return graph.resources.ofKind(kind);
  const group = kind.slice(0, slash);
  return graph.resources.ofKind(kind.slice(slash + 1), group === 'core' ? '' : group);
}

/** `['spec', 'http', 0]` or '/spec/http/0' → JSON pointer. */
export function toPointer(path: unknown): string {
  if (path === undefined || path === null) return '';
  if (typeof path === 'string') {
    if (path === '' || path.startsWith('/')) return path;
    return fail(`path "${path}" must be a list of keys (['spec', 'http', 0]) or a JSON pointer ('/spec/http/0')`);
  }
  if (!Array.isArray(path)) return fail(`path must be a list of keys, got ${describe(path)}`);
  let out = '';
  for (const seg of path) {
    if (typeof seg !== 'string' && typeof seg !== 'number') fail(`path segments must be strings or numbers, got ${describe(seg)}`);
    out += '/' + String(seg).replace(/~/g, '~0').replace(/\//g, '~1');
  }
  return out;
}

function text(v: unknown, what: string): string {
  if (typeof v !== 'string' || !v) fail(`${what} must be a non-empty string`);
  return v.length > MAX_MESSAGE ? v.slice(0, MAX_MESSAGE) + '…' : v;
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string') fail(`${what} must be a string, got ${describe(v)}`);
  return v;
}

export function makeContext(graph: MeshGraph, views: Views, cursor: PolicyCursor): unknown {
  const resourceOf = (v: unknown, what: string): Resource => {
    if (v === undefined) return cursor.current!;
    const r = views.resourceOf(v);
    if (!r) fail(`${what} must be a resource passed to check or returned by a ctx query`);
    return r;
  };
  /** A workload from a workload answer, or the workload a resource defines (undefined for other kinds). */
  const workloadOf = (v: unknown, what: string): Workload | undefined => views.workloadOf(v) ?? graph.workloads.of(resourceOf(v, what));
  const byKind = new Map<string, readonly unknown[]>();
  const ctx = {
    report(input: unknown) {
      if (!isPlainObject(input)) fail('ctx.report expects { message, path? }');
      const i = input as Record<string, unknown>;
      const related = i.related === undefined ? [] : Array.isArray(i.related) ? i.related : fail('related must be a list of { resource, path?, message }');
      const severity = i.severity;
      if (severity !== undefined && severity !== 'error' && severity !== 'warning' && severity !== 'info') fail('severity must be "error", "warning" or "info"');
      cursor.findings.push({
        resource: resourceOf(i.resource, 'resource'),
        current: cursor.current!,
        pointer: toPointer(i.path),
        key: i.key === true,
        message: text(i.message, 'message'),
        severity: severity as Severity | undefined,
        fix: i.fix === undefined ? undefined : text(i.fix, 'fix'),
        related: related.map((rel: any) => {
          if (!isPlainObject(rel)) fail('related must be a list of { resource, path?, message }');
          return { resource: resourceOf(rel.resource, 'related resource'), pointer: toPointer(rel.path), message: text(rel.message, 'related message') };
        }),
      });
    },
    /** Identity of a resource (default: the one being checked), with its effective namespace. */
    identity(v?: unknown) {
      const r = resourceOf(v, 'identity(resource)');
      return Object.freeze({ apiVersion: r.apiVersion, group: r.group, kind: r.kind, namespace: r.namespace, name: r.name, file: r.file });
    },
    resources(kind: unknown, namespace?: unknown) {
      const k = str(kind, 'kind');
      const key = namespace === undefined ? k : `${k}\0${str(namespace, 'namespace')}`;
      let list = byKind.get(key);
      if (!list) {
        const all = ofKind(graph, k);
        list = views.objects(namespace === undefined ? all : all.filter((r) => r.namespace === namespace));
        byKind.set(key, list);
      }
      return list;
    },
    namespaces: () => Object.freeze(graph.namespaces.all().map((n) => views.namespace(n))),
    namespace: (name: unknown) => {
      const n = graph.namespaces.get(str(name, 'namespace'));
      return n ? views.namespace(n) : undefined;
    },
    meshConfig: () => views.meshConfig(graph.mesh),
    servicesForHost: (host: unknown, fromNamespace?: unknown) => {
      const ns = fromNamespace === undefined ? cursor.current!.namespace : str(fromNamespace, 'namespace');
      return Object.freeze(graph.services.registry.lookup(str(host, 'host'), ns, undefined, graph.mesh.domainSuffix).map((s) => views.service(s)));
    },
    workloadsForSelector: (selector: unknown, namespace?: unknown) => {
      if (!isPlainObject(selector)) fail('selector must be a label map, e.g. { app: "reviews" }');
      const labels: Record<string, string> = {};
      for (const [k, v] of Object.entries(selector as object)) labels[k] = toStr(v);
      const ns = namespace === undefined ? undefined : str(namespace, 'namespace');
      return Object.freeze(graph.workloads.select(mapSelector(labels), ns).map((w) => views.workload(w)));
    },
    workloadOf: (v?: unknown) => {
      const w = graph.workloads.of(resourceOf(v, 'workloadOf(resource)'));
      return w ? views.workload(w) : undefined;
    },
    servicesOfWorkload: (v?: unknown) => {
      const w = graph.workloads.of(resourceOf(v, 'servicesOfWorkload(resource)'));
      return Object.freeze(w ? graph.services.servicesOf(w).map((s) => views.service(s)) : []);
    },
    destinationRulesFor: (host: unknown, namespace?: unknown) => {
      const ns = namespace === undefined ? cursor.current!.namespace : str(namespace, 'namespace');
      return Object.freeze(graph.routing.destinationRulesFor(str(host, 'host'), ns).map((d) => views.destinationRule(d)));
    },
    /** Sidecar status of a workload (or of the workload a resource defines): in the mesh, out of it, or unknown. */
    sidecar: (v?: unknown) => {
      const w = workloadOf(v, 'sidecar(workload)');
      return w ? views.sidecar(graph.facet(security).sidecar(w)) : undefined;
    },
    /** The mTLS mode PeerAuthentications set for a workload, on a container port when one is given. */
    mtls: (v?: unknown, port?: unknown) => {
      const w = workloadOf(v, 'mtls(workload)');
      if (port !== undefined && (typeof port !== 'number' || !Number.isInteger(port))) fail(`port must be a container port number, got ${describe(port)}`);
      return w ? views.mtls(graph.facet(security).mtls(w, port as number | undefined)) : undefined;
    },
  };
  for (const v of Object.values(ctx)) markCallable(v);
  return Object.freeze(ctx);
}
