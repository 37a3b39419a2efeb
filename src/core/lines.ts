import type { Position, Range } from './types.ts';

/** Maps offsets in a text to 1-based line/column. Line breaks are LF, CRLF or a lone CR, as in YAML. */
export class LineIndex {
  private lineStarts: Int32Array | undefined;
  constructor(readonly text: string) {}

  /**
   * Offsets where lines start; computed on first use, since most files never need a position. A typed array of
   * the exact size: a big file has millions of lines.
   */
  get starts(): Int32Array {
    if (this.lineStarts) return this.lineStarts;
    const text = this.text;
    if (text.includes('\r')) {
      const starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      return (this.lineStarts = Int32Array.from(starts).sort());
    }
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
    const starts = new Int32Array(n);
    for (let i = text.indexOf('\n'), k = 1; i !== -1; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
    return (this.lineStarts = starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - starts[lo] + 1, offset: o };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** Text of a 1-based line without its line break. */
  lineText(line: number): string {
    const s = this.starts[line - 1];
    if (s === undefined) return '';
    let e = line < this.starts.length ? this.starts[line] : this.text.length;
    while (e > s && (this.text.charCodeAt(e - 1) === 10 || this.text.charCodeAt(e - 1) === 13)) e--;
    return this.text.slice(s, e);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))];
  }
}

/** Start of the line holding `offset`, without indexing the whole text (same line breaks as LineIndex). */
export function lineStartAt(text: string, offset: number): number {
  let i = Math.max(0, Math.min(offset, text.length));
  for (; i > 0; i--) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || (c === 13 && text.charCodeAt(i) !== 10)) return i;
  }
  return 0;
}

const cache = new WeakMap<object, LineIndex>();

/** One LineIndex per source object, built on first use. */
export function lineIndexOf(source: { text: string }): LineIndex {
  let idx = cache.get(source);
  if (!idx) {
    idx = new LineIndex(source.text);
    cache.set(source, idx);
  }
  return idx;
}
