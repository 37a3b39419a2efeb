import type { Resource } from '../core/resource.ts';
import { ResourceStore } from './store.ts';

export { ResourceStore } from './store.ts';

export interface GraphOptions {
  /** Report references whose target kind was never loaded (what `istioctl analyze` on files assumes). */
  closedWorld?: boolean;
  /** MeshConfig file (plain MeshConfig, or the istio ConfigMap with a `mesh` key). */
  meshConfigFile?: string;
  meshNetworksFile?: string;
}

/** The mesh model every rule queries. */
export class MeshGraph {
  readonly resources: ResourceStore;
  constructor(resources: readonly Resource[], readonly options: GraphOptions = {}) {
    this.resources = new ResourceStore(resources);
  }
}

export function buildGraph(resources: readonly Resource[], options: GraphOptions = {}): MeshGraph {
  return new MeshGraph(resources, options);
}
