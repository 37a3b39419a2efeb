import type { Resource } from '../core/resource.ts';
import type { ResourceStore } from './store.ts';
import type { Labels } from './types.ts';

export interface NamespaceInfo {
  name: string;
  /** The Namespace object, when one was loaded. */
  resource?: Resource;
  /** Labels of the Namespace object ({} when none was loaded). */
  labels: Labels;
  /** True when a Namespace object declares it; false when objects merely live in it. */
  declared: boolean;
}

/** Namespaces declared by Namespace objects or used by any loaded namespaced object. */
export class Namespaces {
  private readonly byName = new Map<string, NamespaceInfo>();
  /** True when at least one Namespace object was loaded (so an unknown name is `missing`, not `unknown`). */
  readonly anyDeclared: boolean;

  constructor(store: ResourceStore, extra: readonly string[] = []) {
    const declared = store.ofKind('Namespace', '');
    this.anyDeclared = declared.length > 0;
    for (const r of declared) if (r.name) this.byName.set(r.name, { name: r.name, resource: r, labels: r.labels, declared: true });
    for (const r of store.all) if (r.namespace && !this.byName.has(r.namespace)) this.byName.set(r.namespace, { name: r.namespace, labels: {}, declared: false });
    for (const n of extra) if (!this.byName.has(n)) this.byName.set(n, { name: n, labels: {}, declared: false });
  }

  get(name: string): NamespaceInfo | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Labels of the namespace (from its Namespace object; {} when unknown). */
  labels(name: string): Labels {
    return this.byName.get(name)?.labels ?? {};
  }

  all(): NamespaceInfo[] {
    return [...this.byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
