import type { Resource } from '../core/resource.ts';
import type { Facet, MeshGraph } from './index.ts';
import { ambientNamespace } from './sidecars.ts';
import type { Labels, MeshService, Workload } from './types.ts';

export const USE_WAYPOINT = 'istio.io/use-waypoint';
export const USE_WAYPOINT_NAMESPACE = 'istio.io/use-waypoint-namespace';
export const WAYPOINT_CLASS = 'istio-waypoint';

/** Where a `istio.io/use-waypoint` label was read: the object and the pointer of the label. */
export interface WaypointLabel {
  resource: Resource;
  pointer: string;
}

/**
 * The waypoint an ambient Service, ServiceEntry or workload uses, as istiod reads it: the object's own
 * `istio.io/use-waypoint` label, else its namespace's; `none` on the object opts out of the namespace's waypoint.
 */
export type WaypointUse =
  | { state: 'none'; label?: WaypointLabel }
  | { state: 'waypoint'; name: string; namespace: string; label: WaypointLabel };

const token = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Waypoint enrollment of the mesh's services and workloads (istio.io/use-waypoint on them or their namespace). */
export class Waypoints {
  constructor(private readonly g: MeshGraph) {}

  /** True when the namespace is in ambient mode (see `ambientNamespace`). */
  ambient(ns: string): boolean {
    return ambientNamespace(this.g.namespaces.labels(ns));
  }

  /** The waypoint of a Service or ServiceEntry (its own labels, else its namespace's). */
  forService(s: MeshService): WaypointUse {
    return this.read(s.resource.labels, s.resource, '/metadata/labels', s.namespace);
  }

  /** The waypoint of a workload: its pod-template labels, else its namespace's. */
  forWorkload(w: Workload): WaypointUse {
    return this.read(w.labels, w.resource, `${w.templatePointer || ''}/metadata/labels`, w.namespace);
  }

  /** The waypoint a namespace enrolls its services in (its own label only). */
  forNamespace(ns: string): WaypointUse {
    return this.read({}, undefined, '', ns);
  }

  /** The Kubernetes Gateway a waypoint name resolves to, with whether it has the waypoint class. */
  gateway(use: Extract<WaypointUse, { state: 'waypoint' }>): { resource: Resource; waypointClass: boolean } | undefined {
    const gw = this.g.gateways.kubeGateway(use.namespace, use.name);
    if (!gw) return undefined;
    return { resource: gw.resource, waypointClass: gw.resource.object?.spec?.gatewayClassName === WAYPOINT_CLASS };
  }

  private read(own: Labels, resource: Resource | undefined, at: string, ns: string): WaypointUse {
    if (resource && own[USE_WAYPOINT] !== undefined) return this.use(own, { resource, pointer: `${at}/${token(USE_WAYPOINT)}` }, ns);
    const info = this.g.namespaces.get(ns);
    if (info?.resource && info.labels[USE_WAYPOINT] !== undefined) {
      return this.use(info.labels, { resource: info.resource, pointer: `/metadata/labels/${token(USE_WAYPOINT)}` }, ns);
    }
    return { state: 'none' };
  }

  private use(labels: Labels, label: WaypointLabel, ns: string): WaypointUse {
    const name = labels[USE_WAYPOINT];
    if (!name || name === 'none') return { state: 'none', label };
    return { state: 'waypoint', name, namespace: labels[USE_WAYPOINT_NAMESPACE] || ns, label };
  }
}

export const waypoints: Facet<Waypoints> = { id: 'waypoints', build: (g) => new Waypoints(g) };
