// For rules that report things declared more than once: each item of a group sharing a key, with the items it
// collides with.

/** Items grouped by key, in input order; items without a key are left out. */
export function groupBy<T>(items: Iterable<T>, key: (x: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

/** Every item of a group that collides with another of its group (by default: any other), with those others. */
export function* collisions<T>(groups: Map<string, T[]>, collide: (a: T, b: T) => boolean = (a, b) => a !== b): Generator<{ key: string; item: T; others: T[] }> {
  for (const [key, group] of groups) {
    if (group.length < 2) continue;
    for (const item of group) {
      const others = group.filter((o) => o !== item && collide(item, o));
      if (others.length) yield { key, item, others };
    }
  }
}
