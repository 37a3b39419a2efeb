import { readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { load } from 'js-yaml';
import { fileLocation } from '../core/diagnostic.ts';
import type { Resource } from '../core/resource.ts';
import { parseSources } from '../parse/index.ts';
import type { Facet, MeshGraph } from './index.ts';

/** A MeshNetworks document the control plane reads, and the object to report on. */
export interface MeshNetworksSource {
  /**
   * `MeshNetworks <istio ns>/meshnetworks` for a --mesh-networks file (pointers reach inside it), or the ConfigMap
   * holding it in `data.meshNetworks` (pointers stop at that string).
   */
  resource: Resource;
  /** Pointer of a field of the document: `/networks/n1/endpoints/0` for a file, the ConfigMap key otherwise. */
  at(pointer: string): string;
  networks: Record<string, any>;
}

const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return !rel || rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split(sep).join('/');
}

/**
 * The --mesh-networks file as a resource. A plain MeshNetworks document has no kind or name, so the identity
 * istioctl analyze gives it is appended after the text: positions of the document's own fields stay exact.
 */
function fileResource(file: string, istioNs: string, networks: Record<string, any>): { resource: Resource; embedded: boolean } {
  const path = displayPath(file);
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // The graph already stopped the run when the file cannot be read.
  }
  const own = parseSources([{ path, absPath: file, text }]).resources;
  if (own.length === 1 && own[0].kind === 'ConfigMap') return { resource: own[0], embedded: true };
  const identity = `apiVersion: mesh.istio.io/v1alpha1\nkind: MeshNetworks\nmetadata: {name: meshnetworks, namespace: ${istioNs}}\n`;
  const parsed = parseSources([{ path, absPath: file, text: `${text}${text.endsWith('\n') || !text ? '' : '\n'}${identity}` }]).resources;
  if (parsed.length === 1 && JSON.stringify(parsed[0].object?.networks ?? {}) === JSON.stringify(networks)) return { resource: parsed[0], embedded: false };
  const loc = fileLocation(path);
  const ref = { apiVersion: 'mesh.istio.io/v1alpha1', kind: 'MeshNetworks', namespace: istioNs, name: 'meshnetworks' };
  const resource: Resource = {
    ...ref, group: 'mesh.istio.io', version: 'v1alpha1', namespaceOrigin: 'explicit', labels: {}, annotations: {}, object: { networks },
    key: `mesh.istio.io/MeshNetworks/${istioNs}/meshnetworks`, ref, file: path, docIndex: 0,
    location: () => loc, locate: () => loc, locateKey: () => loc,
  };
  return { resource, embedded: false };
}

/** The MeshNetworks istiod reads: the --mesh-networks file, else `meshNetworks` of the `istio` ConfigMap among the inputs. */
export const meshNetworksSources: Facet<readonly MeshNetworksSource[]> = {
  id: 'mesh-networks-sources',
  build(g: MeshGraph) {
    const istioNs = g.mesh.istioNamespace;
    const embeddedAt = () => '/data/meshNetworks';
    if (g.options.meshNetworksFile) {
      const networks = isMap(g.meshNetworks?.networks) ? g.meshNetworks!.networks : {};
      const { resource, embedded } = fileResource(g.options.meshNetworksFile, istioNs, networks);
      return [{ resource, networks, at: embedded ? embeddedAt : (p) => p }];
    }
    const cm = g.resources.get('', 'ConfigMap', istioNs, 'istio');
    const text = cm?.object?.data?.meshNetworks;
    if (!cm || typeof text !== 'string') return [];
    let doc: unknown;
    try {
      doc = load(text);
    } catch {
      return [];
    }
    return isMap(doc) && isMap(doc.networks) ? [{ resource: cm, networks: doc.networks, at: embeddedAt }] : [];
  },
};
