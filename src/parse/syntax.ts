import type { LineIndex } from '../core/lines.ts';

/** A YAML syntax problem in words a person can act on, and where to point. */
export interface SyntaxProblem {
  message: string;
  start: number;
  end: number;
}

// Hints for js-yaml's terser reasons; the reason itself stays in the message.
const HINTS: Record<string, string> = {
  'bad indentation of a mapping entry': 'keys of one mapping must start in the same column',
  'bad indentation of a sequence entry': 'items of one list must start in the same column',
  'end of the stream or a document separator is expected': 'this line does not fit the structure above it; check its indentation',
  'can not read a block mapping entry; a multiline key may not be an implicit key': 'is a ":" missing on the line above?',
  'tab characters must not be used in indentation': 'indent with spaces',
};

// Reasons an unclosed quote or bracket further up can cause (the parser notices only later).
const LATE = /deficient indentation|end of the (stream|document) within|missed comma|document separator is expected|bad indentation|multiline key|expected ':'/;

/**
 * Turns a js-yaml error at offset `at` (in `text`, for the document starting at `from`) into a message.
 * An unclosed quote or flow collection is reported where it opens: that is where the fix goes.
 */
export function describeSyntaxError(text: string, lines: LineIndex, from: number, at: number, reason: string): SyntaxProblem {
  const depth = /^nesting exceeded maxDepth \((\d+)\)/.exec(reason);
  if (depth) return { message: `YAML nesting is deeper than ${depth[1]} levels; the document was skipped`, start: at, end: at + 1 };
  const stop = lines.position(at);
  if (LATE.test(reason)) {
    const open = findUnclosed(text, from, at);
    if (open && (lines.position(open.offset).line < stop.line || /end of the (stream|document)/.test(reason))) {
      const p = lines.position(open.offset);
      const what = open.char === '[' || open.char === '{' ? `"${open.char}"` : `string opened by ${open.char}`;
      return {
        message: `YAML syntax error: the ${what} at line ${p.line}, column ${p.column} is never closed (the parser stopped at line ${stop.line}, column ${stop.column}: ${reason})`,
        start: open.offset,
        end: open.offset + 1,
      };
    }
  }
  const lineText = lines.lineText(stop.line);
  if (reason === 'deficient indentation' && lineText.slice(0, stop.column - 1).includes('\t')) {
    return { message: 'YAML syntax error: tab character on a line with a flow collection ([…] or {…}); use spaces', start: at, end: at + 1 };
  }
  const hint = HINTS[reason];
  return { message: `YAML syntax error: ${reason}${hint ? ` (${hint})` : ''}`, start: at, end: at + 1 };
}

interface Opener {
  char: string;
  offset: number;
}

/**
 * A light scan of `text[from, to)` for the innermost quote or flow bracket still open at `to`.
 * It knows comments, quotes (with their escapes), flow brackets, and skips block scalars (`|`, `>`),
 * whose content may hold any character. A quote or bracket counts only where a value can start.
 */
export function findUnclosed(text: string, from: number, to: number): Opener | undefined {
  const flow: Opener[] = [];
  let quote: Opener | undefined;
  let lineStart = from;
  let indent = -1; // indentation of the current line, -1 until its first non-space
  let prev = ''; // previous significant character on this line ('' at line start)
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (quote) {
      if (quote.char === '"' && c === '\\') i++;
      else if (c === quote.char) {
        if (quote.char === "'" && text[i + 1] === "'") i++;
        else {
          quote = undefined;
          prev = 'x';
        }
      }
      continue;
    }
    if (c === '\n' || c === '\r') {
      lineStart = i + 1;
      indent = -1;
      prev = '';
      continue;
    }
    if (c === ' ' || c === '\t') continue;
    if (indent < 0) indent = i - lineStart;
    const atValue = prev === '' || prev === ':' || prev === '-' || prev === '?' || prev === ',' || prev === '[' || prev === '{';
    const spaced = i === from || /\s/.test(text[i - 1]);
    const next = text[i + 1];
    const spaceAfter = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
    if (c === '#' && spaced) {
      while (i + 1 < to && text[i + 1] !== '\n' && text[i + 1] !== '\r') i++;
      continue;
    }
    if ((c === '|' || c === '>') && atValue && !flow.length) {
      i = skipBlockScalar(text, i, to, indent);
      lineStart = i + 1;
      indent = -1;
      prev = '';
      continue;
    }
    let kind = 'x';
    if ((c === '"' || c === "'") && atValue) quote = { char: c, offset: i };
    else if ((c === '[' || c === '{') && (atValue || flow.length)) {
      flow.push({ char: c, offset: i });
      kind = c;
    } else if ((c === ']' || c === '}') && flow.length) flow.pop();
    else if (c === ',' && flow.length) kind = c;
    // `: `, `- `, `? ` are indicators; `a:b` and `-1` are plain text (JSON may write `"a":1` in a flow).
    else if (c === ':' && (spaceAfter || flow.length)) kind = c;
    else if ((c === '-' || c === '?') && spaceAfter && (prev === '' || prev === '-' || prev === '?')) kind = c;
    prev = kind;
  }
  return quote ?? flow[flow.length - 1];
}

/** Returns the offset of the line break that ends a block scalar whose header is at `at`. */
function skipBlockScalar(text: string, at: number, to: number, parentIndent: number): number {
  let i = text.indexOf('\n', at);
  if (i < 0 || i >= to) return to;
  for (;;) {
    const next = text.indexOf('\n', i + 1);
    const end = next < 0 || next > to ? to : next;
    const line = text.slice(i + 1, end).replace(/\r$/, '');
    const content = line.trimStart();
    if (content && line.length - content.length <= parentIndent) return i;
    if (end >= to) return to;
    i = end;
  }
}
