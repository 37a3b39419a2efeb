import type { Resource } from '../core/resource.ts';
import type { Facet, MeshGraph } from './index.ts';
import { labelSelector, selectorMatches } from './labels.ts';
import type { Labels, Selector } from './types.ts';

/** One webhook of an admission webhook configuration. */
export interface WebhookInfo {
  resource: Resource;
  /** `<configuration>/<webhook>`, as Istio prints it. */
  id: string;
  name: string;
  /** Pointer of the webhook in `webhooks`. */
  pointer: string;
  /** clientConfig.url; undefined when absent or not a string. */
  url?: string;
  /** The clientConfig has a `url` key (possibly empty). */
  urlKey: boolean;
  service?: { namespace: string; name: string };
  /** Undefined: every namespace / object. */
  namespaceSelector?: Selector;
  objectSelector?: Selector;
}

/** Pod and namespace labels under which two injection webhooks both fire. */
export interface WebhookOverlap {
  webhooks: WebhookInfo[];
  namespaceLabels: Labels;
  objectLabels: Labels;
}

const REV = 'istio.io/rev';
const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

function webhooksOf(r: Resource): WebhookInfo[] {
  const hooks = r.object?.webhooks;
  if (!Array.isArray(hooks)) return [];
  const out: WebhookInfo[] = [];
  hooks.forEach((h: any, i: number) => {
    if (!isMap(h)) return;
    const name = typeof h.name === 'string' ? h.name : '';
    const cc = isMap(h.clientConfig) ? h.clientConfig : {};
    const info: WebhookInfo = { resource: r, id: `${r.name}/${name}`, name, pointer: `/webhooks/${i}`, urlKey: 'url' in cc };
    if (typeof cc.url === 'string') info.url = cc.url;
    if (isMap(cc.service)) info.service = { namespace: typeof cc.service.namespace === 'string' ? cc.service.namespace : '', name: typeof cc.service.name === 'string' ? cc.service.name : '' };
    if (isMap(h.namespaceSelector)) info.namespaceSelector = labelSelector(h.namespaceSelector);
    if (isMap(h.objectSelector)) info.objectSelector = labelSelector(h.objectSelector);
    out.push(info);
  });
  return out;
}

/** Revisions a webhook's selectors name (`istio.io/rev` in matchLabels or matchExpressions values). */
function selectorRevisions(sel: Selector | undefined, into: Set<string>): boolean {
  if (!sel) return false;
  let found = false;
  if (sel.labels[REV] !== undefined) (into.add(sel.labels[REV]), (found = true));
  for (const e of sel.expressions) if (e.key === REV) for (const v of e.values) (into.add(v), (found = true));
  return found;
}

const matches = (sel: Selector | undefined, labels: Labels) => !sel || selectorMatches(sel, labels);

/**
 * Istio's admission webhooks among the inputs: the ones that reach the control plane (validation and injection
 * configurations, by their Istio names), and the injection webhooks with the label sets under which several fire.
 */
export class IstioWebhooks {
  /** Webhooks of `istiod-default-validator`, `istio-validator*` and `istio-sidecar-injector*` configurations. */
  readonly controlPlane: WebhookInfo[] = [];
  /** Webhooks of the injection configurations: with a revision, or with a webhook named `*istio.io`. */
  readonly injection: WebhookInfo[] = [];
  readonly revisions: string[];

  constructor(g: MeshGraph) {
    const revisions = new Set<string>();
    for (const r of g.resources.ofKind('ValidatingWebhookConfiguration', 'admissionregistration.k8s.io')) {
      if (r.name === 'istiod-default-validator' || r.name.startsWith('istio-validator')) this.controlPlane.push(...webhooksOf(r));
    }
    for (const r of g.resources.ofKind('MutatingWebhookConfiguration', 'admissionregistration.k8s.io')) {
      const hooks = webhooksOf(r);
      if (r.name.startsWith('istio-sidecar-injector')) this.controlPlane.push(...hooks);
      let revised = r.labels[REV] !== undefined;
      if (revised) revisions.add(r.labels[REV]);
      for (const h of hooks) if (selectorRevisions(h.namespaceSelector, revisions) || selectorRevisions(h.objectSelector, revisions)) revised = true;
      if (revised || hooks.some((h) => h.name.endsWith('istio.io'))) this.injection.push(...hooks);
    }
    this.revisions = [...revisions].sort();
  }

  /**
   * Sets of injection webhooks that fire together, probed as istioctl analyze does: namespaces labelled
   * istio-injection enabled/disabled/absent and pods labelled sidecar.istio.io/inject true/false/absent, each
   * with and without every revision's istio.io/rev label. Each set once, with the first labels that showed it.
   */
  overlaps(): WebhookOverlap[] {
    const probes = (key: string): Labels[] => {
      const base: Labels[] = [{}, { [key]: key === 'istio-injection' ? 'enabled' : 'true' }, { [key]: key === 'istio-injection' ? 'disabled' : 'false' }];
      return [...base, ...this.revisions.flatMap((rev) => base.map((l) => ({ ...l, [REV]: rev })))];
    };
    const found = new Map<string, WebhookOverlap>();
    for (const ns of probes('istio-injection')) {
      for (const obj of probes('sidecar.istio.io/inject')) {
        const hit = this.injection.filter((h) => matches(h.namespaceSelector, ns) && matches(h.objectSelector, obj));
        if (hit.length < 2) continue;
        const key = hit.map((h) => `${h.id}\0${h.pointer}`).join('\n');
        if (!found.has(key)) found.set(key, { webhooks: hit, namespaceLabels: ns, objectLabels: obj });
      }
    }
    return [...found.values()];
  }
}

export const istioWebhooks: Facet<IstioWebhooks> = { id: 'istio-webhooks', build: (g) => new IstioWebhooks(g) };

/** Why Go's url.Parse rejects a webhook URL (what istioctl analyze checks); undefined when it parses. */
export function urlProblem(url: string): string | undefined {
  if (/[\x00-\x1f\x7f]/.test(url)) return 'it contains a control character';
  if (url.startsWith(':')) return 'it has no scheme';
  if (/%(?![0-9a-fA-F]{2})/.test(url)) return 'it has an invalid %-escape';
  const authority = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(url)?.[1];
  if (authority === undefined) return undefined;
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostPort.startsWith('[')) {
    const end = hostPort.indexOf(']');
    if (end < 0) return 'its IPv6 host has no closing "]"';
    return /^(:\d*)?$/.test(hostPort.slice(end + 1)) ? undefined : 'its port is not a number';
  }
  const colon = hostPort.lastIndexOf(':');
  if (colon >= 0 && !/^\d*$/.test(hostPort.slice(colon + 1))) return 'its port is not a number';
  return /[\s<>"{}|\\^`]/.test(colon >= 0 ? hostPort.slice(0, colon) : hostPort) ? 'its host name has an invalid character' : undefined;
}

/** The host of a URL (Go's URL.Hostname(): without port and IPv6 brackets); '' when it has none. */
export function urlHostname(url: string): string {
  const authority = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(url)?.[1];
  if (!authority) return '';
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostPort.startsWith('[')) return hostPort.slice(1, Math.max(1, hostPort.indexOf(']')));
  const colon = hostPort.lastIndexOf(':');
  return colon >= 0 ? hostPort.slice(0, colon) : hostPort;
}
