// Locating one node of a document written in plain block style, from its lines and indentation alone. Most
// manifests are written that way, and a finding needs only the node its pointer names, so this spares parsing
// the document again. Anything this reader does not follow — the inside of flow collections (one on a line is
// located as a whole), anchors, aliases, tags, block scalars, complex or quoted keys, tabs, multi-line scalars,
// empty values on the way — gives undefined, and the caller parses the document (locate.ts). Offsets are
// absolute; `end` is what DocSpan shows of the first line.
import { parsePointer } from '../core/pointer.ts';

export interface QuickHit {
  start: number;
  end: number;
  keyStart: number;
  keyEnd: number;
  /** False when the pointer ran past the existing nodes and this is the closest parent. */
  exact: boolean;
}

/** A document holding any of these (tabs, a BOM, line breaks other than LF and CRLF) is parsed. */
const UNSUPPORTED = /[\t\uFEFF\x85\u2028\u2029]|\r(?!\n)/;
/** Values starting with these (anchors, aliases, tags, block scalars, reserved) are left to the parser. */
const UNSUPPORTED_START = new Set([...'&*!|>%@`?'].map((c) => c.charCodeAt(0)));
const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;

interface Line {
  /** First character of the content (for the first line of an inline seq item, the item's content). */
  content: number;
  col: number;
  /** End of the line, before any CR. */
  end: number;
}

interface Node {
  /** `flow`: a flow collection on one line, located as a whole; the parser reads inside it. */
  kind: 'map' | 'seq' | 'scalar' | 'flow';
  start: number;
  end: number;
  keyStart: number;
  keyEnd: number;
  /** Content lines of a collection (the first one starts at the node). */
  lines: Line[];
}

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const DQUOTE = 34;
const SQUOTE = 39;

/** The node at `pointer` in the document text[start, end), or undefined when the document needs a real parse. */
export function quickLocate(text: string, start: number, end: number, pointer: string): QuickHit | undefined {
  if (start > 0 && text.charCodeAt(start - 1) !== 10) return undefined;
  if (UNSUPPORTED.test(text.slice(start, end))) return undefined;
  const lines = contentLines(text, start, end);
  if (!lines?.length || !lines.every((l) => plainLine(text, l.content, l.end))) return undefined;
  const root = collection(text, lines, -1, -1);
  if (!root) return undefined;
  let node: Node = root;
  for (const token of parsePointer(pointer)) {
    if (node.kind === 'flow') return undefined;
    const next: Node | null | undefined = node.kind === 'map' ? entry(text, node, token) : node.kind === 'seq' ? item(text, node, token) : null;
    if (next === undefined) return undefined;
    if (next === null) return { start: node.start, end: node.end, keyStart: node.keyStart, keyEnd: node.keyEnd, exact: false };
    node = next;
  }
  return { start: node.start, end: node.end, keyStart: node.keyStart, keyEnd: node.keyEnd, exact: true };
}

/** Non-blank, non-comment lines up to the next document marker; undefined when the document starts with one. */
function contentLines(text: string, from: number, to: number): Line[] | undefined {
  const out: Line[] = [];
  for (let at = from; at < to; ) {
    let nl = text.indexOf('\n', at);
    if (nl < 0 || nl > to) nl = to;
    let c = at;
    while (c < nl && text.charCodeAt(c) === SPACE) c++;
    let e = nl;
    if (e > at && text.charCodeAt(e - 1) === 13) e--;
    if (c < e && text.charCodeAt(c) !== HASH) {
      // The next document starts (or this one ends) here.
      if (c === at && (text.startsWith('---', c) || text.startsWith('...', c)) && isBlankOrEnd(text, c + 3, e)) return out.length ? out : undefined;
      out.push({ content: c, col: c - at, end: e });
    }
    at = nl + 1;
  }
  return out;
}

/** Where the value of a line's content ends: before a comment and trailing spaces; -1 when it is not on the line. */
function contentEnd(text: string, from: number, lineEnd: number): number {
  const q = text.charCodeAt(from);
  if (UNSUPPORTED_START.has(q)) return -1;
  if (q === OPEN_BRACE || q === OPEN_BRACKET) return flowEnd(text, from, lineEnd);
  if (q === DQUOTE || q === SQUOTE) {
    const close = quoteClose(text, from, lineEnd);
    return close < 0 ? -1 : afterQuoted(text, close + 1, lineEnd);
  }
  let e = from;
  for (let i = from; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === HASH && text.charCodeAt(i - 1) === SPACE) break;
    if (c !== SPACE) e = i + 1;
  }
  return e;
}

/** The closing quote of the quoted scalar at `from`, on its line; -1 when it continues on the next. */
function quoteClose(text: string, from: number, lineEnd: number): number {
  const q = text.charCodeAt(from);
  for (let i = from + 1; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (q === DQUOTE && c === 92) i++;
    else if (c === q) {
      if (q === SQUOTE && text.charCodeAt(i + 1) === SQUOTE) i++;
      else return i;
    }
  }
  return -1;
}

/** A flow collection closed on its line: the offset after its closing bracket, else -1 (also for empty values). */
function flowEnd(text: string, from: number, lineEnd: number): number {
  let depth = 0;
  let empty = false;
  for (let i = from; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE) continue;
    // An empty value in a flow collection (`{a: }`, `[1, , 2]`) ends where the parser alone can say.
    if (empty && (c === 44 || c === 125 || c === 93)) return -1;
    empty = false;
    if (c === DQUOTE || c === SQUOTE) {
      i = quoteClose(text, i, lineEnd);
      if (i < 0) return -1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET || c === 44) {
      if (c !== 44) depth++;
      empty = true;
    } else if (c === COLON && (i + 1 >= lineEnd || text.charCodeAt(i + 1) === SPACE || text.charCodeAt(i + 1) === 44 || text.charCodeAt(i + 1) === 125)) {
      empty = true;
    } else if (c === 125 || c === 93) {
      if (--depth === 0) return afterQuoted(text, i + 1, lineEnd);
    } else if (UNSUPPORTED_START.has(c) && c !== 63) return -1;
  }
  return -1;
}

/** After a closing quote only spaces and a comment may follow. */
function afterQuoted(text: string, at: number, lineEnd: number): number {
  for (let i = at; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === HASH) return at;
    if (c !== SPACE) return -1;
  }
  return at;
}

/** `key: …` on a line: [keyEnd, value start or -1 when the value is not on the line]; undefined when not a key line. */
function keyLine(text: string, line: Line): [number, number] | undefined {
  const first = text.charCodeAt(line.content);
  if (first === DQUOTE || first === SQUOTE || first === HASH || first === OPEN_BRACE || first === OPEN_BRACKET || UNSUPPORTED_START.has(first)) return undefined;
  if (first === DASH && isBlankOrEnd(text, line.content + 1, line.end)) return undefined;
  for (let i = line.content; i < line.end; i++) {
    const c = text.charCodeAt(i);
    if (c === HASH && text.charCodeAt(i - 1) === SPACE) return undefined;
    if (c !== COLON || !isBlankOrEnd(text, i + 1, line.end)) continue;
    let keyEnd = i;
    while (keyEnd > line.content && text.charCodeAt(keyEnd - 1) === SPACE) keyEnd--;
    if (keyEnd === line.content) return undefined;
    let v = i + 1;
    while (v < line.end && text.charCodeAt(v) === SPACE) v++;
    return [keyEnd, v >= line.end || text.charCodeAt(v) === HASH ? -1 : v];
  }
  return undefined;
}

function isBlankOrEnd(text: string, at: number, end: number): boolean {
  return at >= end || text.charCodeAt(at) === SPACE;
}

const isItem = (text: string, line: Line) => text.charCodeAt(line.content) === DASH && isBlankOrEnd(text, line.content + 1, line.end);

/** The collection the lines make up (a map or a seq starting on the first line); undefined when it is anything else. */
function collection(text: string, lines: Line[], keyStart: number, keyEnd: number): Node | undefined {
  const head = lines[0];
  const kind = isItem(text, head) ? 'seq' : keyLine(text, head) ? 'map' : undefined;
  if (!kind) return undefined;
  for (const l of lines) if (l.col < head.col) return undefined;
  let end = head.end;
  if (lines.length === 1) {
    // One line: the collection ends where its last value does.
    const value = kind === 'seq' ? itemContent(text, head) : keyLine(text, head)![1];
    if (value < 0 || (kind === 'seq' && isItem(text, { content: value, col: 0, end: head.end }))) return undefined;
    const inner = kind === 'seq' ? keyLine(text, { content: value, col: head.col, end: head.end }) : undefined;
    if (inner && inner[1] < 0) return undefined;
    end = contentEnd(text, inner ? inner[1] : value, head.end);
    if (end < 0) return undefined;
  }
  return { kind, start: head.content, end, keyStart, keyEnd, lines };
}

/** Every line must be `key: value`, `key:`, `- …` or a value this reader knows the end of; nothing else. */
function plainLine(text: string, content: number, end: number, inItem = false): boolean {
  const line = { content, col: 0, end };
  if (isItem(text, line)) {
    const v = itemContent(text, line);
    return v < 0 || plainLine(text, v, end, true);
  }
  const k = keyLine(text, line);
  if (k) return k[1] < 0 || contentEnd(text, k[1], end) >= 0;
  // A seq item's value (`- reviews`); a bare value anywhere else is a scalar continued from the line before.
  return inItem && !text.slice(content, end).includes(': ') && contentEnd(text, content, end) >= 0;
}

/** Start of a seq item's content on its own line, or -1. */
function itemContent(text: string, line: Line): number {
  let v = line.content + 1;
  while (v < line.end && text.charCodeAt(v) === SPACE) v++;
  return v >= line.end || text.charCodeAt(v) === HASH ? -1 : v;
}

/** The value of `key` in a map: a node, null when the map has no such key, undefined when it needs a real parse. */
function entry(text: string, map: Node, key: string): Node | null | undefined {
  const col = map.lines[0].col;
  let found = -1;
  let foundKey: [number, number] | undefined;
  const entries: number[] = [];
  for (let i = 0; i < map.lines.length; i++) {
    const l = map.lines[i];
    if (l.col !== col) continue;
    const k = keyLine(text, l);
    if (!k) {
      if (isItem(text, l)) continue;
      return undefined;
    }
    entries.push(i);
    // Duplicate keys: the last one wins, as it does for the value.
    if (text.slice(l.content, k[0]) === key) (found = i), (foundKey = k);
  }
  if (found < 0) return null;
  const next = entries.find((i) => i > found) ?? map.lines.length;
  const line = map.lines[found];
  const [keyEnd, value] = foundKey!;
  const rest = map.lines.slice(found + 1, next);
  return valueNode(text, line, value, rest, line.content, keyEnd);
}

/** Item `index` of a seq. */
function item(text: string, seq: Node, token: string): Node | null | undefined {
  if (!/^\d+$/.test(token)) return null;
  const col = seq.lines[0].col;
  const starts: number[] = [];
  for (let i = 0; i < seq.lines.length; i++) {
    const l = seq.lines[i];
    if (l.col !== col) continue;
    if (!isItem(text, l)) return undefined;
    starts.push(i);
  }
  const n = Number(token);
  if (n >= starts.length) return null;
  const line = seq.lines[starts[n]];
  const rest = seq.lines.slice(starts[n] + 1, starts[n + 1] ?? seq.lines.length);
  const value = itemContent(text, line);
  if (value >= 0 && isItem(text, { content: value, col: 0, end: line.end })) return undefined;
  if (value >= 0 && keyLine(text, { content: value, col: 0, end: line.end })) {
    // `- key: …`: a map whose first entry shares the item's line.
    const head = { content: value, col: line.col + (value - line.content), end: line.end };
    return collection(text, [head, ...rest], -1, -1);
  }
  return valueNode(text, line, value, rest, -1, -1);
}

/** A value that is on the line (a scalar) or on the lines after it (a map or a seq). */
function valueNode(text: string, line: Line, value: number, rest: Line[], keyStart: number, keyEnd: number): Node | undefined {
  if (value >= 0) {
    // A scalar with deeper lines after it continues there: let the parser say where it ends.
    if (rest.some((l) => l.col > line.col)) return undefined;
    const end = contentEnd(text, value, line.end);
    const c = text.charCodeAt(value);
    return end < 0 ? undefined : { kind: c === OPEN_BRACE || c === OPEN_BRACKET ? 'flow' : 'scalar', start: value, end, keyStart, keyEnd, lines: [] };
  }
  if (!rest.length) return undefined;
  return collection(text, rest, keyStart, keyEnd);
}
