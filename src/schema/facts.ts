import type { Resource } from '../core/resource.ts';
import type { AjvError } from './catalog.ts';

/** What the schemas told us about the resources, for rules that ask (e.g. "is this field a string?"). */
export class SchemaFacts {
  private readonly wantsString = new WeakMap<Resource, Set<string>>();

  /** `hasSchema` tells whether a resource's kind was validated (the catalog knows without a per-resource record). */
  constructor(private readonly hasSchema: (r: Resource) => boolean = () => false) {}

  record(r: Resource, errors: readonly AjvError[]): void {
    for (const e of errors) {
      if ((e.keyword === 'type' || e.keyword === 'x-types') && String(e.params.type).split(',').includes('string')) {
        let set = this.wantsString.get(r);
        if (!set) this.wantsString.set(r, (set = new Set()));
        set.add(e.instancePath);
      }
    }
  }

  /**
   * Whether the schema wants a string at `pointer` where the document holds a non-string scalar:
   * true / false when the resource's kind has a schema, undefined when it has none.
   */
  stringExpected(r: Resource, pointer: string): boolean | undefined {
    if (!this.hasSchema(r)) return undefined;
    return this.wantsString.get(r)?.has(pointer) ?? false;
  }
}
