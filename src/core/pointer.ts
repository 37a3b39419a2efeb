/** JSON pointers (RFC 6901), as used for every field reference. */

export function escapeToken(token: string | number): string {
  const s = String(token);
  return s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s;
}

export function unescapeToken(token: string): string {
  return token.includes('~') ? token.replace(/~1/g, '/').replace(/~0/g, '~') : token;
}

export function toPointer(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += '/' + escapeToken(p);
  return out;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer.slice(1).split('/').map(unescapeToken);
}

/** Reads the value at a pointer, or undefined. */
export function getAt(root: unknown, pointer: string): unknown {
  let cur: any = root;
  for (const t of parsePointer(pointer)) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, t)) return undefined;
    cur = cur[t];
  }
  return cur;
}
