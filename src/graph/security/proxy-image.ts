import { load } from 'js-yaml';
import type { MeshGraph } from '../index.ts';
import { labelMap, labelsMatch } from '../labels.ts';
import type { Workload } from '../types.ts';
import type { Injector } from './injector.ts';

const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const imageTypeOf = (v: unknown): string | undefined => (isMap(v) && isMap(v.image) && typeof v.image.imageType === 'string' && v.image.imageType ? v.image.imageType : undefined);

/**
 * The proxy image variant (`distroless`…) a pod gets, each level overriding the one before: MeshConfig
 * defaultConfig, the root namespace's ProxyConfig, the pod namespace's selector-less ProxyConfig, ProxyConfigs of
 * that namespace selecting the pod, the pod's `proxy.istio.io/config` annotation. `default` means no variant.
 */
export function proxyImageType(g: MeshGraph, w: Workload): string | undefined {
  let type = imageTypeOf(g.mesh.raw.defaultConfig);
  const configs = g.resources.ofKind('ProxyConfig', 'networking.istio.io');
  const spec = (r: { object: any }) => (isMap(r.object?.spec) ? r.object.spec : {});
  const levels = [
    configs.filter((r) => r.namespace === g.mesh.rootNamespace),
    configs.filter((r) => r.namespace === w.namespace && !isMap(spec(r).selector)),
    configs.filter((r) => r.namespace === w.namespace && isMap(spec(r).selector) && labelsMatch(labelMap(spec(r).selector.matchLabels), w.labels)),
  ];
  for (const level of levels) for (const r of level) type = imageTypeOf(spec(r)) ?? type;
  const annotation = w.annotations['proxy.istio.io/config'];
  if (annotation) {
    try {
      type = imageTypeOf(load(annotation)) ?? type;
    } catch {
      // An unreadable annotation is rejected by the injector; the variant stays as configured above.
    }
  }
  return type === 'default' ? undefined : type;
}

/** The istio-proxy images the injector of the pod's revision writes (plain, and with the pod's variant); undefined when unknown. */
export function expectedProxyImages(g: MeshGraph, injector: Injector, w: Workload, revision: string): string[] | undefined {
  const image = injector.proxyImage(revision);
  if (!image) return undefined;
  const type = proxyImageType(g, w);
  return type ? [image, `${image}-${type}`] : [image];
}
