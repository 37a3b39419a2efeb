// js-yaml's event stream packed into an Int32Array, eight numbers per event. Packed events cost no garbage
// collection and cross threads for free (the parse worker transfers them), and the constructor reads them
// the same way whichever thread parsed.
import { EVENT_ID, parseEvents, type Event, type ScalarEvent } from 'js-yaml';

/** Deeper YAML is an error: no manifest comes close, and deep values make every later stage slower. */
export const MAX_DEPTH = 200;

export const STRIDE = 8;
// Slot 0 holds the type (3 bits), the scalar or collection style (3 bits), chomping (2 bits) and `fast` (1 bit).
/** Slot 1: a collection's start, or a scalar's valueStart; slot 2: a scalar's valueEnd. */
export const START = 1;
export const END = 2;
export const ANCHOR_START = 3;
export const ANCHOR_END = 4;
export const TAG_START = 5;
export const TAG_END = 6;
/** A block scalar's indentation. */
export const INDENT = 7;

export const typeAt = (ev: Int32Array, at: number): number => ev[at] & 7;
export const styleAt = (ev: Int32Array, at: number): number => (ev[at] >> 3) & 7;

/** The events of `text`, packed; throws js-yaml's error on invalid YAML. */
export function parsePacked(text: string): Int32Array {
  return pack(parseEvents(text, { maxDepth: MAX_DEPTH }));
}

export function pack(events: readonly Event[]): Int32Array {
  const out = new Int32Array(events.length * STRIDE);
  for (let i = 0, at = 0; i < events.length; i++, at += STRIDE) {
    const e = events[i];
    out[at] = e.type;
    if (e.type === EVENT_ID.DOCUMENT || e.type === EVENT_ID.POP) continue;
    out[at + ANCHOR_START] = e.anchorStart;
    out[at + ANCHOR_END] = e.anchorEnd;
    if (e.type === EVENT_ID.ALIAS) continue;
    out[at + TAG_START] = e.tagStart;
    out[at + TAG_END] = e.tagEnd;
    if (e.type === EVENT_ID.SCALAR) {
      out[at] |= (e.style << 3) | (e.chomping << 6) | (e.fast ? 256 : 0);
      out[at + START] = e.valueStart;
      out[at + END] = e.valueEnd;
      out[at + INDENT] = e.indent;
    } else {
      out[at] |= e.style << 3;
      out[at + START] = e.start;
      out[at + END] = -1;
    }
  }
  return out;
}

/** A reusable ScalarEvent view of the packed scalar at `at`, for js-yaml's getScalarValue. */
export function scalarView(ev: Int32Array, at: number, into: ScalarEvent): ScalarEvent {
  const head = ev[at];
  into.style = ((head >> 3) & 7) as ScalarEvent['style'];
  into.chomping = ((head >> 6) & 3) as ScalarEvent['chomping'];
  into.fast = (head & 256) !== 0;
  into.valueStart = ev[at + START];
  into.valueEnd = ev[at + END];
  into.anchorStart = ev[at + ANCHOR_START];
  into.anchorEnd = ev[at + ANCHOR_END];
  into.tagStart = ev[at + TAG_START];
  into.tagEnd = ev[at + TAG_END];
  into.indent = ev[at + INDENT];
  return into;
}

export function newScalarView(): ScalarEvent {
  return { type: EVENT_ID.SCALAR, valueStart: -1, valueEnd: -1, anchorStart: -1, anchorEnd: -1, tagStart: -1, tagEnd: -1, style: 1, chomping: 1, indent: -1, fast: false } as ScalarEvent;
}

/** The packed events of several texts, one after the other, and where each text's events end. */
export interface PackedBlock {
  events: Int32Array;
  /** ends[i]: end (in numbers) of text i's events; -1 when text i is not valid YAML. */
  ends: Int32Array;
}

/** Parses each text on its own; a text that fails gets -1 (its file is then parsed again, on the slow path). */
export function parseBlock(texts: readonly string[]): PackedBlock {
  const parts: Int32Array[] = [];
  const ends = new Int32Array(texts.length);
  let size = 0;
  for (let i = 0; i < texts.length; i++) {
    let part: Int32Array | undefined;
    try {
      part = parsePacked(texts[i]);
    } catch {
      ends[i] = -1;
      continue;
    }
    parts.push(part);
    size += part.length;
    ends[i] = size;
  }
  const events = parts.length === 1 ? parts[0] : new Int32Array(size);
  if (parts.length > 1) for (let i = 0, at = 0; i < parts.length; at += parts[i].length, i++) events.set(parts[i], at);
  return { events, ends };
}

/** The events of text i of a block; undefined when it failed to parse. */
export function blockPart(block: PackedBlock, i: number): Int32Array | undefined {
  const end = block.ends[i];
  if (end < 0) return undefined;
  let start = 0;
  for (let j = i - 1; j >= 0; j--) {
    if (block.ends[j] >= 0) {
      start = block.ends[j];
      break;
    }
  }
  return block.events.subarray(start, end);
}
