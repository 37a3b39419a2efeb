export type Decoded = { kind: 'text'; text: string } | { kind: 'binary' } | { kind: 'invalid'; offset: number };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Turns file bytes into text the way YAML allows: UTF-8 (BOM dropped), or UTF-16 with a BOM.
 * NUL bytes mean a binary file; anything else that is not UTF-8 is reported with its offset.
 */
export function decode(buf: Buffer): Decoded {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    const le = buf[0] === 0xff;
    const body = Buffer.from(buf.subarray(2));
    if (!le) body.swap16();
    return { kind: 'text', text: new TextDecoder('utf-16le').decode(body) };
  }
  if (buf.indexOf(0) !== -1) return { kind: 'binary' };
  try {
    return { kind: 'text', text: utf8.decode(buf) };
  } catch {
    return { kind: 'invalid', offset: firstInvalidUtf8(buf) };
  }
}

function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= buf.length || (buf[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return Math.max(0, buf.length - 1);
}
