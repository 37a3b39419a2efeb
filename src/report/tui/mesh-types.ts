import type { Line } from './lines.ts';

/** One node of a route tree: gateway, VirtualService route, destination, subset or workload. */
export interface TreeNode {
  label: Line;
  children: readonly TreeNode[];
}

export interface MeshHost {
  host: string;
  /** A short description for the host list, such as `2 routes · 3 workloads`. */
  summary: string;
  /** Missing links found in its tree. */
  missing: number;
}

/** What the mesh view shows, computed from the mesh graph by the caller; trees are built on demand. */
export interface MeshSource {
  readonly hosts: readonly MeshHost[];
  tree(host: string): readonly TreeNode[];
  /** A caveat shown under the tree (for example, data that the model cannot know yet). */
  readonly note?: string;
}
