import type { Resource } from '../../core/resource.ts';
import { labelSelector, selectorMatches } from '../labels.ts';
import type { ResourceStore } from '../store.ts';
import type { Labels, Selector } from '../types.ts';

/** One webhook of an Istio MutatingWebhookConfiguration (name ending in `istio.io`). */
export interface InjectionWebhook {
  resource: Resource;
  name: string;
  pointer: string;
  /** Undefined: matches every namespace / object. */
  namespaceSelector?: Selector;
  objectSelector?: Selector;
}

const INJECTOR = 'istio-sidecar-injector';
const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The sidecar injector's configuration among the inputs: its `istio-sidecar-injector[-<revision>]` ConfigMaps
 * (Helm values: `enableNamespacesByDefault`, proxy image) and Istio's injection webhooks.
 */
export class Injector {
  private readonly configMaps = new Map<string, Resource>();
  private readonly values = new Map<Resource, Record<string, any> | undefined>();
  readonly webhooks: InjectionWebhook[] = [];
  /** True when any MutatingWebhookConfiguration was loaded (so "no webhook matches" is known, not assumed). */
  readonly webhooksLoaded: boolean;

  constructor(store: ResourceStore) {
    for (const r of store.ofKind('ConfigMap', '')) {
      if (r.name.startsWith(INJECTOR) && !this.configMaps.has(r.name)) this.configMaps.set(r.name, r);
    }
    const configs = store.ofKind('MutatingWebhookConfiguration');
    this.webhooksLoaded = configs.length > 0;
    for (const r of configs) {
      const hooks = r.object?.webhooks;
      if (!Array.isArray(hooks)) continue;
      hooks.forEach((h: any, i: number) => {
        if (!isMap(h) || typeof h.name !== 'string' || !h.name.endsWith('istio.io')) return;
        const hook: InjectionWebhook = { resource: r, name: h.name, pointer: `/webhooks/${i}` };
        if (isMap(h.namespaceSelector)) hook.namespaceSelector = labelSelector(h.namespaceSelector);
        if (isMap(h.objectSelector)) hook.objectSelector = labelSelector(h.objectSelector);
        this.webhooks.push(hook);
      });
    }
  }

  /** The injector ConfigMap of a revision (`default` or '' → `istio-sidecar-injector`). */
  configMap(revision = ''): Resource | undefined {
    return this.configMaps.get(!revision || revision === 'default' ? INJECTOR : `${INJECTOR}-${revision}`);
  }

  /** Parsed `data.values` (Helm values JSON) of an injector ConfigMap; undefined when absent or not JSON. */
  valuesOf(r: Resource): Record<string, any> | undefined {
    if (!this.values.has(r)) {
      let v: unknown;
      try {
        const text = r.object?.data?.values;
        v = typeof text === 'string' ? JSON.parse(text) : undefined;
      } catch {
        v = undefined;
      }
      this.values.set(r, isMap(v) ? v : undefined);
    }
    return this.values.get(r);
  }

  /**
   * `sidecarInjectorWebhook.enableNamespacesByDefault` of the revision's injector (falling back to the default
   * revision's): every namespace without an injection label is injected. Undefined when no injector config was loaded.
   */
  enableNamespacesByDefault(revision = ''): { value: boolean; resource: Resource } | undefined {
    const cm = this.configMap(revision) ?? this.configMap();
    if (!cm) return undefined;
    return { value: this.valuesOf(cm)?.sidecarInjectorWebhook?.enableNamespacesByDefault === true, resource: cm };
  }

  /** The proxy image the revision's injector writes: `global.proxy.image` when it holds a `/`, else `hub/image:tag`. */
  proxyImage(revision = ''): string | undefined {
    const cm = this.configMap(revision);
    const g = cm && this.valuesOf(cm)?.global;
    if (!isMap(g) || typeof g.proxy?.image !== 'string') return undefined;
    const image: string = g.proxy.image;
    return image.includes('/') ? image : `${g.hub}/${image}:${g.tag}`;
  }

  /** Injection webhooks whose selectors match a namespace's and a pod template's labels. */
  matchingWebhooks(namespaceLabels: Labels, podLabels: Labels): InjectionWebhook[] {
    return this.webhooks.filter((h) => (!h.namespaceSelector || selectorMatches(h.namespaceSelector, namespaceLabels)) && (!h.objectSelector || selectorMatches(h.objectSelector, podLabels)));
  }
}
