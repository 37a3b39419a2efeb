import type { Resource } from '../core/resource.ts';

/** All loaded resources, indexed by kind and by identity. A later object with the same identity replaces the earlier one. */
export class ResourceStore {
  private readonly byKind = new Map<string, Resource[]>();
  private readonly byKey = new Map<string, Resource>();
  readonly all: readonly Resource[];
  /** Objects a later one with the same identity replaced (the same object defined twice, or once per cluster), in input order. */
  readonly replaced: readonly Resource[];

  constructor(resources: readonly Resource[]) {
    for (const r of resources) this.byKey.set(r.key, r);
    const all: Resource[] = [];
    const replaced: Resource[] = [];
    for (const r of resources) (this.byKey.get(r.key) === r ? all : replaced).push(r);
    this.all = all;
    this.replaced = replaced;
    for (const r of this.all) {
      let list = this.byKind.get(r.kind);
      if (!list) this.byKind.set(r.kind, (list = []));
      list.push(r);
    }
  }

  /** Resources of a kind (any API group or version unless `group` is given). */
  ofKind(kind: string, group?: string): readonly Resource[] {
    const list = this.byKind.get(kind) ?? [];
    return group === undefined ? list : list.filter((r) => r.group === group);
  }

  /** True when at least one resource of the kind was loaded: the difference between a missing and an unknown target. */
  has(kind: string): boolean {
    return this.byKind.has(kind);
  }

  get(group: string, kind: string, namespace: string, name: string): Resource | undefined {
    return this.byKey.get(`${group}/${kind}/${namespace}/${name}`);
  }

  kinds(): string[] {
    return [...this.byKind.keys()].sort();
  }
}
