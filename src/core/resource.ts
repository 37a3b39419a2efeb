import type { Location, ResourceRef } from './types.ts';

/** How a resource got its namespace. */
export type NamespaceOrigin = 'explicit' | 'defaulted' | 'cluster';

/** A scalar whose YAML 1.1 reading (as kubectl has it) differs from what most people expect. */
export interface ImplicitScalar {
  pointer: string;
  /** The scalar as written. */
  source: string;
  value: boolean | number;
}

/** One Kubernetes object read from a manifest document (or one item of a `kind: List`). */
export interface Resource {
  apiVersion: string;
  /** API group ('' for the core group). */
  group: string;
  version: string;
  kind: string;
  name: string;
  /** '' for cluster-scoped kinds. */
  namespace: string;
  namespaceOrigin: NamespaceOrigin;
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  /** The whole object as plain JSON data. Rules must treat it as read-only. */
  object: any;
  /** `group/kind/namespace/name`: unique per object identity. */
  key: string;
  ref: ResourceRef;
  file: string;
  /** 0-based index of the YAML document in its file. */
  docIndex: number;
  /** Index in the `items` of a List document, when the resource came from one. */
  itemIndex?: number;
  /** Plain scalars read as YAML 1.1 booleans or octal numbers (see the yaml-1.1-boolean rule). */
  implicitScalars?: ImplicitScalar[];
  /** Location of the whole object (its first line). */
  location(): Location;
  /** Location of the value at a JSON pointer inside the object; falls back to the closest existing parent. */
  locate(pointer: string): Location;
  /** Location of the key of the member at `pointer` (the value's location for array items and the root). */
  locateKey(pointer: string): Location;
}

export function resourceLabel(r: ResourceRef): string {
  return r.namespace ? `${r.kind} ${r.namespace}/${r.name}` : `${r.kind} ${r.name}`;
}
