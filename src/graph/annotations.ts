import type { Resource } from '../core/resource.ts';
import { escapeToken } from '../core/pointer.ts';
import { closestName } from '../schema/suggest.ts';
import { ANNOTATION_CATALOG, type ValueCheck } from './annotation-catalog.ts';
import { annotationValueProblem } from './annotation-values.ts';
import type { Facet, MeshGraph } from './index.ts';
import type { Labels } from './types.ts';
import { POD_TEMPLATE } from './workloads.ts';

export { annotationValueProblem } from './annotation-values.ts';

/** One entry of Istio's annotation catalogue. */
export interface AnnotationInfo {
  name: string;
  status: 'Alpha' | 'Beta' | 'Stable';
  deprecated: boolean;
  /** Kinds it belongs on; `Any` = every kind. */
  resources: readonly string[];
  check?: ValueCheck;
}

/** An Istio-owned annotation written on an object or a pod template. */
export interface AnnotationUse {
  resource: Resource;
  /** Pointer of the annotation's value. */
  pointer: string;
  name: string;
  value: string;
  /** The kind it sits on: the object's kind, or Pod for a pod template. */
  on: string;
  /** Labels of the same object (the pod template's for a template). */
  labels: Labels;
  /** On a pod template, or on a workload kind other than Deployment: istioctl analyze reads neither. */
  extended: boolean;
  /** The catalogue entry; undefined for an annotation Istio does not know. */
  info?: AnnotationInfo;
}

const STATUS = { A: 'Alpha', B: 'Beta', S: 'Stable' } as const;
const CATALOG = new Map<string, AnnotationInfo>(ANNOTATION_CATALOG.map(([name, flags, kinds, check]) => [name, {
  name,
  status: STATUS[flags[0] as keyof typeof STATUS],
  deprecated: flags.includes('D'),
  resources: kinds.split(','),
  ...(check ? { check } : {}),
}]));

/** Written by Istio itself, never by users: no check reads them. */
const ISTIO_WRITTEN = new Set(['sidecar.istio.io/status', 'gateway.istio.io/controller-version', 'istio.io/rev']);
/** The kinds whose own metadata istioctl analyze reads, with their API group. */
const ANALYZED: Readonly<Record<string, string>> = { Namespace: '', Service: '', Pod: '', Deployment: 'apps' };

export function annotationInfo(name: string): AnnotationInfo | undefined {
  return CATALOG.get(name);
}

/** The catalogue name an unknown annotation is probably a typo of. */
export function closestAnnotation(name: string): string | undefined {
  return closestName(name, CATALOG.keys(), false);
}

/** Istio's test for its own annotations: the prefix before the first `/` ends with istio.io (or the ingress class). */
export function istioOwnedAnnotation(name: string): boolean {
  const slash = name.indexOf('/');
  return (slash < 0 ? name : name.slice(0, slash)).endsWith('istio.io') || name === 'kubernetes.io/ingress.class';
}

/** The kinds an annotation belongs on, when `use` puts it elsewhere; undefined when it is in place (or unknown). */
export function misplacedAnnotation(use: AnnotationUse): string | undefined {
  const kinds = use.info?.resources;
  if (!kinds || kinds.includes('Any') || kinds.includes(use.on)) return undefined;
  return kinds.filter((k) => k !== 'Unknown').join(', ');
}

/** Why the value of a known, well-placed annotation is not accepted; undefined when it is. */
export function invalidAnnotationValue(use: AnnotationUse): string | undefined {
  if (!use.info?.check || misplacedAnnotation(use) !== undefined || use.info.resources.includes('Any')) return undefined;
  return annotationValueProblem(use.info.check, use.value);
}

/** Istio-owned annotations of Namespaces, Services, workloads and pod templates, in input order. */
export const istioAnnotations: Facet<readonly AnnotationUse[]> = {
  id: 'istio-annotations',
  build(g: MeshGraph) {
    const out: AnnotationUse[] = [];
    const add = (resource: Resource, base: string, annotations: Labels, labels: Labels, on: string, extended: boolean) => {
      for (const name in annotations) {
        if (!istioOwnedAnnotation(name) || ISTIO_WRITTEN.has(name)) continue;
        const use: AnnotationUse = { resource, pointer: `${base}/metadata/annotations/${escapeToken(name)}`, name, value: annotations[name], on, labels, extended };
        const info = CATALOG.get(name);
        if (info) use.info = info;
        out.push(use);
      }
    };
    for (const kind of ['Namespace', 'Service']) for (const r of g.resources.ofKind(kind, '')) add(r, '', r.annotations, r.labels, kind, false);
    for (const kind of Object.keys(POD_TEMPLATE)) {
      for (const r of g.resources.ofKind(kind)) {
        const analyzed = ANALYZED[kind] === r.group;
        if (kind === 'Pod') {
          if (analyzed) add(r, '', r.annotations, r.labels, 'Pod', false);
          continue;
        }
        add(r, '', r.annotations, r.labels, kind, !analyzed);
        const w = g.workloads.of(r);
        if (w) add(r, w.templatePointer, w.annotations, w.labels, 'Pod', true);
      }
    }
    return out;
  },
};
