import type { Resource } from '../../core/resource.ts';
import { push } from '../labels.ts';
import type { Workload } from '../types.ts';

/** A place a workload names a host: an env value, argument or command word, or a ConfigMap entry it reads. */
export interface HostMention {
  workload: Workload;
  /** Pointer in the workload of the string (or of its reference to the ConfigMap). */
  pointer: string;
  /** The host as written, with scheme and port when present (`http://ratings.bookinfo:9080`). */
  text: string;
  port?: number;
  /** The ConfigMap entry the host was found in. */
  via?: { resource: Resource; pointer: string };
}

interface Token {
  key: string;
  text: string;
  port?: number;
}

// A host-like run (labels joined by dots, optional trailing dot and port). Context decides whether a dot-less
// word is a host: after `//` or `@`, or followed by a port.
const HOST = /[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?(?::(\d{1,5}))?/g;
const HOSTY_ENV = /HOST|ADDR|URL|URI|ENDPOINT|SERVICE|SERVER|UPSTREAM|TARGET|BACKEND|API/i;

/**
 * Host-like strings in one value, as index keys: a cluster host in any form (`name`, `name.ns`, `name.ns.svc`,
 * `name.ns.svc.<domain>`, with or without scheme and port) becomes its FQDN; a dot-less name becomes
 * `<callerNs>/<name>` (it resolves in the caller's namespace); other dotted names are kept as written.
 */
export function hostTokens(value: string, callerNs: string, domain: string, envName?: string): Token[] {
  const out: Token[] = [];
  if (value.length > 100_000) return out;
  HOST.lastIndex = 0;
  for (let m = HOST.exec(value); m; m = HOST.exec(value)) {
    const start = m.index;
    const before = value.slice(Math.max(0, start - 3), start);
    if (start > 0 && /[A-Za-z0-9_.]$/.test(before)) continue;
    // `user:password@host`: the user name is not a host.
    if (/^(:[^@\s/]*)?@/.test(value.slice(start + m[0].length - (m[1] ? m[1].length + 1 : 0), start + m[0].length + 64))) continue;
    const port = m[1] !== undefined ? Number(m[1]) : undefined;
    let host = (port !== undefined ? m[0].slice(0, m[0].lastIndexOf(':')) : m[0]).toLowerCase();
    if (host.endsWith('.')) host = host.slice(0, -1);
    const text = urlText(value, start, m[0]);
    if (!host.includes('.')) {
      const hostPosition = before.endsWith('//') || before.endsWith('@') || port !== undefined || (value.trim() === m[0] && !!envName && HOSTY_ENV.test(envName));
      if (hostPosition && /^[a-z]/.test(host)) out.push({ key: `${callerNs}/${host}`, text, port });
      continue;
    }
    const labels = host.split('.');
    if (host.endsWith(`.svc.${domain}`)) out.push({ key: host, text, port });
    else if (labels.length === 3 && labels[2] === 'svc') out.push({ key: `${host}.${domain}`, text, port });
    else {
      if (labels.length === 2) out.push({ key: `${host}.svc.${domain}`, text, port });
      out.push({ key: host, text, port });
    }
  }
  return out;
}

/** The host with its scheme when a URL starts right before it (user info left out: it may hold a password). */
function urlText(value: string, start: number, match: string): string {
  const m = /([A-Za-z][A-Za-z0-9+.-]*:\/\/)(?:[^@\s/]*@)?$/.exec(value.slice(Math.max(0, start - 64), start));
  return (m ? m[1] : '') + match;
}

const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** ConfigMaps a pod template reads, with the pointer of each reference and the key when only one is read. */
export function configMapRefs(w: Workload): { name: string; pointer: string; key?: string }[] {
  const out: { name: string; pointer: string; key?: string }[] = [];
  const spec = w.podSpec;
  if (!isMap(spec)) return out;
  const base = `${w.templatePointer}/spec`;
  for (const c of w.containers) {
    const raw = spec[c.init ? 'initContainers' : 'containers']?.[Number(c.pointer.slice(c.pointer.lastIndexOf('/') + 1))];
    if (!isMap(raw)) continue;
    if (Array.isArray(raw.envFrom)) raw.envFrom.forEach((e: any, i: number) => typeof e?.configMapRef?.name === 'string' && out.push({ name: e.configMapRef.name, pointer: `${c.pointer}/envFrom/${i}/configMapRef/name` }));
    if (Array.isArray(raw.env)) {
      raw.env.forEach((e: any, i: number) => {
        const ref = e?.valueFrom?.configMapKeyRef;
        if (typeof ref?.name === 'string' && typeof ref.key === 'string') out.push({ name: ref.name, key: ref.key, pointer: `${c.pointer}/env/${i}/valueFrom/configMapKeyRef/name` });
      });
    }
  }
  if (Array.isArray(spec.volumes)) {
    spec.volumes.forEach((v: any, i: number) => {
      if (typeof v?.configMap?.name === 'string') out.push({ name: v.configMap.name, pointer: `${base}/volumes/${i}/configMap/name` });
      if (Array.isArray(v?.projected?.sources)) {
        v.projected.sources.forEach((s: any, j: number) => typeof s?.configMap?.name === 'string' && out.push({ name: s.configMap.name, pointer: `${base}/volumes/${i}/projected/sources/${j}/configMap/name` }));
      }
    });
  }
  return out;
}

/**
 * Every host named by the given workloads (their env values, arguments, commands and the ConfigMaps they read),
 * indexed by host in one pass, so finding who names a service is a map lookup, not a scan per service.
 */
export class HostMentions {
  private readonly byKey = new Map<string, HostMention[]>();
  private readonly cmTokens = new Map<Resource, { key: string; text: string; port?: number; pointer: string }[]>();

  constructor(workloads: Iterable<Workload>, configMap: (ns: string, name: string) => Resource | undefined, private readonly domain: string) {
    for (const w of workloads) {
      for (const c of w.containers) {
        for (const s of c.strings) for (const t of hostTokens(s.value, w.namespace, domain, s.env)) this.add(t.key, { workload: w, pointer: s.pointer, text: t.text, port: t.port });
      }
      for (const ref of configMapRefs(w)) {
        const cm = configMap(w.namespace, ref.name);
        if (!cm) continue;
        for (const t of this.configMapTokens(cm, w.namespace)) {
          if (ref.key !== undefined && t.pointer !== `/data/${ref.key.replace(/~/g, '~0').replace(/\//g, '~1')}`) continue;
          this.add(t.key, { workload: w, pointer: ref.pointer, text: t.text, port: t.port, via: { resource: cm, pointer: t.pointer } });
        }
      }
    }
  }

  private add(key: string, m: HostMention): void {
    const list = this.byKey.get(key);
    // One mention per workload string and host is enough (a URL repeated in one value adds nothing).
    if (list?.some((x) => x.workload === m.workload && x.pointer === m.pointer && x.port === m.port)) return;
    push(this.byKey, key, m);
  }

  private configMapTokens(cm: Resource, ns: string) {
    let list = this.cmTokens.get(cm);
    if (!list) {
      list = [];
      const data = cm.object?.data;
      if (isMap(data)) {
        for (const [k, v] of Object.entries(data)) {
          if (typeof v !== 'string') continue;
          for (const t of hostTokens(v, ns, this.domain, k)) list.push({ ...t, pointer: `/data/${k.replace(/~/g, '~0').replace(/\//g, '~1')}` });
        }
      }
      this.cmTokens.set(cm, list);
    }
    return list;
  }

  /** Mentions of a Kubernetes Service (`name` in its own namespace, `name.ns`, `name.ns.svc`, FQDN) or of other hosts. */
  of(hosts: readonly string[], service?: { namespace: string; name: string }): readonly HostMention[] {
    let out: HostMention[] | undefined;
    const add = (list: HostMention[] | undefined) => {
      if (list) (out ??= []).push(...list);
    };
    for (const h of hosts) add(this.byKey.get(h.toLowerCase()));
    if (service) add(this.byKey.get(`${service.namespace}/${service.name.toLowerCase()}`));
    return out ?? NONE;
  }
}

const NONE: readonly HostMention[] = [];
