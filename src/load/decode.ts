export type Decoded =
  | { kind: 'text'; text: string }
  | { kind: 'binary' }
  | { kind: 'invalid'; encoding: 'UTF-8' | 'UTF-16' | 'UTF-32'; offset: number };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const utf16 = new TextDecoder('utf-16le', { fatal: true });

/**
 * Turns file bytes into text the way kubectl's YAML reader does: UTF-8 (BOM dropped), or UTF-16 with a
 * BOM. NUL bytes mean a binary file; anything else that does not decode is reported with its offset.
 */
export function decode(buf: Buffer): Decoded {
  if (buf.length >= 4 && ((buf[0] === 0xff && buf[1] === 0xfe && buf[2] === 0 && buf[3] === 0) || (buf[0] === 0 && buf[1] === 0 && buf[2] === 0xfe && buf[3] === 0xff))) {
    return { kind: 'invalid', encoding: 'UTF-32', offset: 0 };
  }
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return decodeUtf16(buf, buf[0] === 0xff);
  if (buf.indexOf(0) !== -1) return { kind: 'binary' };
  try {
    return { kind: 'text', text: utf8.decode(buf) };
  } catch {
    return { kind: 'invalid', encoding: 'UTF-8', offset: firstInvalidUtf8(buf) };
  }
}

function decodeUtf16(buf: Buffer, littleEndian: boolean): Decoded {
  const body = Buffer.from(buf.subarray(2));
  if (body.length % 2) return { kind: 'invalid', encoding: 'UTF-16', offset: buf.length - 1 };
  if (!littleEndian) body.swap16();
  try {
    return { kind: 'text', text: utf16.decode(body) };
  } catch {
    return { kind: 'invalid', encoding: 'UTF-16', offset: 2 + firstLoneSurrogate(body) };
  }
}

function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= buf.length || (buf[i + k] & 0xc0) !== 0x80) return i;
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF are invalid too.
    const c = buf[i + 1];
    if ((b === 0xe0 && c < 0xa0) || (b === 0xed && c > 0x9f) || (b === 0xf0 && c < 0x90) || (b === 0xf4 && c > 0x8f)) return i;
    i += n + 1;
  }
  return Math.max(0, buf.length - 1);
}

/** Text before byte `offset`, decoded leniently: used to turn the offset into a line and column. */
export function textBefore(buf: Buffer, offset: number, encoding: 'UTF-8' | 'UTF-16' | 'UTF-32'): string {
  if (encoding === 'UTF-8') return buf.subarray(0, offset).toString('utf8');
  if (encoding === 'UTF-32') return '';
  const body = Buffer.from(buf.subarray(2, offset - (offset % 2)));
  if (buf[0] === 0xfe) body.swap16();
  return body.toString('utf16le');
}

/** Byte offset (in little-endian `body`) of the first surrogate without its pair. */
function firstLoneSurrogate(body: Buffer): number {
  for (let i = 0; i + 1 < body.length; i += 2) {
    const u = body.readUInt16LE(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 3 < body.length ? body.readUInt16LE(i + 2) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) i += 2;
      else return i;
    } else if (u >= 0xdc00 && u <= 0xdfff) return i;
  }
  return 0;
}
