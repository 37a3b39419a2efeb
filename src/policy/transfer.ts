// Resources cross to the worker as one JSON string of tuples: much cheaper than structured clone (which
// writes every key and string in full, in UTF-16) and it leaves the host's position data behind.
// JSON has no NaN or Infinity: a policy sees null for a YAML .nan or .inf.
import { fileLocation } from '../core/diagnostic.ts';
import type { Resource } from '../core/resource.ts';

type Tuple = [string, string, string, string, string, string, Resource['namespaceOrigin'], Resource['labels'], Resource['annotations'], unknown, string, string, number, number | null];

export function encodeResources(resources: readonly Resource[]): string {
  return JSON.stringify(resources.map((r): Tuple => [r.apiVersion, r.group, r.version, r.kind, r.name, r.namespace, r.namespaceOrigin, r.labels, r.annotations, r.object, r.key, r.file, r.docIndex, r.itemIndex ?? null]));
}

/** The worker's resources: same data and order, positions left to the host (findings carry pointers). */
export function decodeResources(json: string): Resource[] {
  return (JSON.parse(json) as Tuple[]).map(([apiVersion, group, version, kind, name, namespace, namespaceOrigin, labels, annotations, object, key, file, docIndex, itemIndex]) => {
    const at = () => fileLocation(file);
    const r: Resource = { apiVersion, group, version, kind, name, namespace, namespaceOrigin, labels, annotations, object, key, file, docIndex, ref: { apiVersion, kind, namespace, name }, location: at, locate: at, locateKey: at };
    if (itemIndex !== null) r.itemIndex = itemIndex;
    return r;
  });
}
