import { lineIndexOf } from '../../core/lines.ts';
import type { Range, SourceFile } from '../../core/types.ts';
import { clean, cleanLine } from '../sanitize.ts';

/** Meaning of a piece of text; the theme turns it into colour (or, without colour, into bold/inverse/dim). */
export type Tone = 'error' | 'warning' | 'info' | 'accent' | 'muted' | 'fix' | 'highlight' | 'heading' | 'missing' | 'ok' | 'selected';

export interface Segment {
  text: string;
  tone?: Tone;
}

/** One screen line: the views render lists of these, so long content can be sliced (virtualised) cheaply. */
export type Line = Segment[];

export const BLANK: Line = [];

export function text(s: string, tone?: Tone): Segment {
  return tone ? { text: cleanLine(s), tone } : { text: cleanLine(s) };
}

export function lineWidth(line: Line): number {
  let n = 0;
  for (const s of line) n += s.text.length;
  return n;
}

/** Cuts `s` to `width` characters, marking the cut with an ellipsis. */
export function truncate(s: string, width: number): string {
  if (width <= 0) return '';
  return s.length <= width ? s : s.slice(0, Math.max(0, width - 1)) + '…';
}

/** Word-wraps plain text (already free of control characters) to `width`; keeps paragraph breaks. */
export function wrapText(s: string, width: number): string[] {
  const out: string[] = [];
  const w = Math.max(10, width);
  for (const para of s.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (!line) line = word;
      else if (line.length + 1 + word.length <= w) line += ' ' + word;
      else {
        out.push(line);
        line = word;
      }
      while (line.length > w) {
        out.push(line.slice(0, w));
        line = line.slice(w);
      }
    }
    out.push(line);
  }
  while (out.length && !out[out.length - 1]) out.pop();
  return out;
}

export function wrapped(s: string, width: number, tone?: Tone, indent = ''): Line[] {
  return wrapText(clean(s).replace(/\t/g, '  '), width - indent.length).map((l) => [{ text: indent + l, ...(tone ? { tone } : {}) }]);
}

function display(s: string): string {
  return clean(s.replace(/\t/g, '  '));
}

export interface FrameOptions {
  /** Lines shown before and after the range. */
  context?: number;
  /** Most lines of a multi-line range shown. */
  maxLines?: number;
  /** Screen width, to shift long lines so the highlight stays visible. */
  width?: number;
  indent?: string;
}

/** A code frame: the lines of `range` with the range highlighted, context around it, and carets under a one-line range. */
export function frameLines(source: SourceFile | undefined, range: Range, opts: FrameOptions = {}): Line[] {
  if (!source) return [];
  const { context = 1, maxLines = 6, width = 100, indent = '  ' } = opts;
  const idx = lineIndexOf(source);
  const { start, end } = range;
  if (start.line < 1 || start.line > idx.lineCount) return [];
  // An exclusive end at column 1 means the range stops at the end of the previous line.
  const endLine = Math.max(start.line, end.column === 1 && end.line > start.line ? end.line - 1 : end.line);
  const lastMarked = Math.min(endLine, start.line + maxLines - 1, idx.lineCount);
  const first = Math.max(1, start.line - context);
  const last = Math.min(idx.lineCount, lastMarked + context);
  const gutterWidth = String(last).length;

  const parts = (n: number): [string, string, string] => {
    const raw = idx.lineText(n);
    if (n < start.line || n > lastMarked) return [display(raw), '', ''];
    const from = n === start.line ? start.column - 1 : raw.length - raw.trimStart().length;
    const to = n === end.line ? end.column - 1 : raw.length;
    return [display(raw.slice(0, from)), display(raw.slice(from, Math.max(from, to))), display(raw.slice(Math.max(from, to)))];
  };
  const [before0, mid0] = parts(start.line);
  const room = width - indent.length - gutterWidth - 5;
  const shift = before0.length > room - 12 ? Math.max(0, before0.length - 12) : 0;

  const out: Line[] = [];
  for (let n = first; n <= last; n++) {
    const marked = n >= start.line && n <= lastMarked;
    const [b, m, a] = parts(n);
    const whole = (b + m + a).slice(shift);
    const gutter: Segment = { text: `${indent}${marked ? '>' : ' '} ${String(n).padStart(gutterWidth)} │ `, tone: marked ? 'heading' : 'muted' };
    if (!marked || !m) {
      out.push([gutter, { text: (shift ? '…' : '') + whole }]);
      continue;
    }
    const cut = Math.max(0, shift - b.length);
    out.push([gutter, { text: (shift ? '…' : '') + b.slice(shift) }, { text: m.slice(cut), tone: 'highlight' }, { text: a }]);
  }
  if (start.line === endLine) {
    const pad = ' '.repeat(Math.max(0, before0.length - shift + (shift ? 1 : 0)));
    out.splice(start.line - first + 1, 0, [{ text: `${indent}  ${' '.repeat(gutterWidth)} │ ${pad}`, tone: 'muted' }, { text: '^'.repeat(Math.max(1, mid0.length)), tone: 'error' }]);
  }
  return out;
}
