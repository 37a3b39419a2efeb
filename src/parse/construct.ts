import { EVENT_ID, SCALAR_STYLE, getScalarValue, type ScalarEvent } from 'js-yaml';
import { escapeToken } from '../core/pointer.ts';
import type { ImplicitScalar } from '../core/resource.ts';
import { ANCHOR_END, ANCHOR_START, END, newScalarView, scalarView, START, STRIDE, TAG_START, typeAt } from './events.ts';
import { isYaml11Surprise, resolvePlain, resolveTagged } from './scalars.ts';

/** A problem found while building values, with offsets into the parsed text. */
export interface RawIssue {
  ruleId: 'yaml-syntax' | 'duplicate-key' | 'alias-limit' | 'helm-template';
  message: string;
  start: number;
  end: number;
}

/** One YAML document as plain data, with the span of source it came from. */
export interface RawDoc {
  value: unknown;
  /** Offset of the document's first node (its anchor or tag when it has one); -1 when empty. */
  start: number;
  end: number;
  implicit?: ImplicitScalar[];
  /** Offset of the first scalar holding a Go template (`{{ … }}`), or -1. */
  templateAt: number;
  /** Set when the document was dropped (alias bomb). */
  dropped?: boolean;
}

/** Aliases may expand a document to at most this many nodes: far above any real manifest, far below a bomb. */
export const MAX_EXPANDED_NODES = 200_000;

interface Frame {
  isMap: boolean;
  /** A mapping's object; a sequence's array only once it is complete (its items are on `items` until then). */
  value: any;
  /** Sequence: where its items start on `items`, and how many it has so far. */
  itemsStart: number;
  count: number;
  key: string | undefined;
  keyStart: number;
  keyEnd: number;
  hasKey: boolean;
  keyIsMerge: boolean;
  anchor: string | undefined;
  size: number;
  merges: any[] | undefined;
  /** Complex (non-scalar) key being built: the key frame itself. */
  keyFrame: boolean;
}

interface Anchor {
  value: unknown;
  size: number;
  done: boolean;
}

const TEMPLATE = /\{\{.*\}\}/;

/**
 * Builds plain values from js-yaml's event stream (packed, see events.ts). Unlike js-yaml's own constructor it
 * keeps going past duplicate keys (reported, last one wins as in kubectl), counts alias expansion, and notes the
 * scalars whose YAML 1.1 meaning is a surprise.
 */
export function construct(text: string, events: Int32Array, issues: RawIssue[], lookForTemplates: boolean): RawDoc[] {
  const docs: RawDoc[] = [];
  const ev = newScalarView();
  // Items of the open sequences. Each sequence becomes an array of its exact size when it closes: arrays grown
  // by push keep room for 17 or more items, and most lists in manifests hold one or two.
  const items: unknown[] = [];
  const frames: Frame[] = [];
  let anchors = new Map<string, Anchor>();
  let doc: RawDoc | undefined;
  let expanded = 0;

  const pointerHere = (): string => {
    let p = '';
    for (const f of frames) p += '/' + (f.isMap ? escapeToken(f.key ?? '') : String(f.count));
    return p;
  };

  const widen = (start: number, end: number) => {
    if (!doc) return;
    if (doc.start < 0 || start < doc.start) doc.start = start;
    if (end > doc.end) doc.end = end;
  };

  const add = (value: unknown, size: number, kStart: number, kEnd: number, isScalarKey: boolean, keyText: string) => {
    expanded += size;
    const top = frames[frames.length - 1];
    if (!top) {
      if (doc) doc.value = value;
      return;
    }
    top.size += size;
    if (!top.isMap) {
      items.push(value);
      top.count++;
      return;
    }
    if (!top.hasKey) {
      top.hasKey = true;
      top.keyStart = kStart;
      top.keyEnd = kEnd;
      top.keyIsMerge = isScalarKey && keyText === '<<';
      // An aliased key can stand for a huge shared structure: never serialise one beyond a small size.
      top.key = isScalarKey ? keyText : size <= 100 ? JSON.stringify(value) : `[complex key at offset ${kStart}]`;
      if (!isScalarKey) issues.push({ ruleId: 'yaml-syntax', message: 'Complex mapping keys are not supported by Kubernetes; the key was read as its JSON text', start: kStart, end: kEnd });
      return;
    }
    top.hasKey = false;
    const key = top.key as string;
    if (top.keyIsMerge) {
      (top.merges ??= []).push(value);
      return;
    }
    if (Object.hasOwn(top.value, key)) {
      issues.push({ ruleId: 'duplicate-key', message: `Duplicate key "${key}": the API server rejects it (strict field validation); otherwise the last value wins`, start: top.keyStart, end: top.keyEnd });
    }
    if (key === '__proto__') Object.defineProperty(top.value, key, { value, enumerable: true, writable: true, configurable: true });
    else top.value[key] = value;
  };

  for (let at = 0; at < events.length; at += STRIDE) {
    switch (typeAt(events, at)) {
      case EVENT_ID.DOCUMENT:
        doc = { value: null, start: -1, end: -1, templateAt: -1 };
        anchors = new Map();
        expanded = 0;
        break;
      case EVENT_ID.SCALAR: {
        scalarView(events, at, ev);
        const s = ev.valueStart < 0 ? '' : getScalarValue(text, ev);
        const top = frames[frames.length - 1];
        const isKey = top !== undefined && top.isMap && !top.hasKey;
        let value: unknown;
        if (isKey) value = s;
        else if (ev.tagStart >= 0) value = resolveTagged(text.slice(ev.tagStart, ev.tagEnd), s);
        else if (ev.style === SCALAR_STYLE.PLAIN) {
          value = resolvePlain(s);
          if (typeof value !== 'string' && value !== null && isYaml11Surprise(s, value) && doc) {
            (doc.implicit ??= []).push({ pointer: pointerHere(), source: s, value: value as boolean | number });
          }
        } else value = s;
        const start = ev.valueStart < 0 ? scalarGapOffset(events, at) : scalarStart(text, ev);
        const end = ev.valueStart < 0 ? start : scalarEnd(text, ev);
        // Only a plain scalar counts: `{{ }}` inside quotes or a block scalar is data (Istio's injection template, alert texts).
        if (lookForTemplates && doc && doc.templateAt < 0 && ev.style === SCALAR_STYLE.PLAIN && TEMPLATE.test(s)) doc.templateAt = start;
        widen(ev.anchorStart >= 0 ? Math.min(ev.anchorStart, start) : ev.tagStart >= 0 ? Math.min(ev.tagStart, start) : start, end);
        if (ev.anchorStart >= 0) anchors.set(text.slice(ev.anchorStart, ev.anchorEnd), { value, size: 1, done: true });
        add(value, 1, start, end, true, s);
        break;
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const isMap = typeAt(events, at) === EVENT_ID.MAPPING;
        const start = events[at + START];
        const anchorStart = events[at + ANCHOR_START];
        const tagStart = events[at + TAG_START];
        const top = frames[frames.length - 1];
        const anchor = anchorStart >= 0 ? text.slice(anchorStart, events[at + ANCHOR_END]) : undefined;
        if (anchor !== undefined) anchors.set(anchor, { value: undefined, size: 0, done: false });
        // `name: {{ .Release.Name }}` parses as a flow mapping whose key is another flow mapping.
        if (lookForTemplates && doc && doc.templateAt < 0 && isMap && text.charCodeAt(start) === 123 && text.charCodeAt(start + 1) === 123) doc.templateAt = start;
        widen(Math.min(start, anchorStart >= 0 ? anchorStart : start, tagStart >= 0 ? tagStart : start), start + 1);
        frames.push({
          isMap,
          value: isMap ? {} : undefined,
          itemsStart: items.length,
          count: 0,
          key: undefined,
          keyStart: start,
          keyEnd: start,
          hasKey: false,
          keyIsMerge: false,
          anchor,
          size: 1,
          merges: undefined,
          keyFrame: top !== undefined && top.isMap && !top.hasKey,
        });
        break;
      }
      case EVENT_ID.ALIAS: {
        const anchorStart = events[at + ANCHOR_START];
        const anchorEnd = events[at + ANCHOR_END];
        const name = text.slice(anchorStart, anchorEnd);
        const a = anchors.get(name);
        if (!a || !a.done) {
          issues.push({ ruleId: 'yaml-syntax', message: a ? `Recursive alias "*${name}"` : `Unknown alias "*${name}"`, start: anchorStart - 1, end: anchorEnd });
          add(null, 1, anchorStart - 1, anchorEnd, true, '');
          break;
        }
        widen(anchorStart - 1, anchorEnd);
        // String() of an aliased collection would expand it: the key text matters only for scalars.
        const scalar = typeof a.value !== 'object' || a.value === null;
        add(a.value, a.size, anchorStart - 1, anchorEnd, scalar, scalar ? String(a.value) : '');
        if (expanded > MAX_EXPANDED_NODES && doc && !doc.dropped) {
          doc.dropped = true;
          issues.push({ ruleId: 'alias-limit', message: `Aliases expand this document to more than ${MAX_EXPANDED_NODES} nodes (a "billion laughs" pattern); the document was skipped`, start: anchorStart - 1, end: anchorEnd });
        }
        break;
      }
      case EVENT_ID.POP: {
        const f = frames.pop();
        if (!f) {
          if (doc) docs.push(doc);
          doc = undefined;
          break;
        }
        if (!f.isMap) {
          f.value = items.slice(f.itemsStart);
          items.length = f.itemsStart;
        }
        if (f.merges) applyMerges(f.value, f.merges);
        if (f.anchor !== undefined) anchors.set(f.anchor, { value: f.value, size: f.size, done: true });
        expanded -= f.size - 1; // children were already counted as they were added
        add(f.value, f.size, f.keyStart, f.keyEnd, false, '');
        break;
      }
    }
  }
  return docs;
}

/** `<<` merge keys (kubectl honours them): explicit keys win, then earlier merge sources. */
function applyMerges(target: Record<string, unknown>, merges: unknown[]): void {
  const sources: unknown[] = [];
  for (const m of merges) {
    if (Array.isArray(m)) sources.push(...m);
    else sources.push(m);
  }
  const own = new Set(Object.keys(target));
  for (const src of sources) {
    if (!src || typeof src !== 'object' || Array.isArray(src)) continue;
    for (const k of Object.keys(src)) {
      if (own.has(k) || Object.hasOwn(target, k)) continue;
      if (k === '__proto__') Object.defineProperty(target, k, { value: (src as any)[k], enumerable: true, writable: true, configurable: true });
      else target[k] = (src as any)[k];
    }
  }
}

type ScalarSpan = Pick<ScalarEvent, 'style' | 'valueStart' | 'valueEnd'>;

/** Start of a scalar as written: the opening quote or block indicator included. */
export function scalarStart(text: string, ev: ScalarSpan): number {
  if (ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED) return ev.valueStart - 1;
  if (ev.style === SCALAR_STYLE.LITERAL_BLOCK || ev.style === SCALAR_STYLE.FOLDED_BLOCK) {
    for (let i = ev.valueStart - 1; i >= 0; i--) {
      const c = text.charCodeAt(i);
      if (c === 124 || c === 62) return i;
    }
  }
  return ev.valueStart;
}

export function scalarEnd(text: string, ev: ScalarSpan): number {
  if (ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED) return ev.valueEnd + 1;
  if (ev.style === SCALAR_STYLE.LITERAL_BLOCK || ev.style === SCALAR_STYLE.FOLDED_BLOCK) {
    let e = ev.valueEnd;
    while (e > ev.valueStart && (text.charCodeAt(e - 1) === 10 || text.charCodeAt(e - 1) === 13)) e--;
    return e;
  }
  return ev.valueEnd;
}

/** An empty scalar has no offsets; place it right after the preceding node. */
function scalarGapOffset(events: Int32Array, at: number): number {
  for (let j = at - STRIDE; j >= 0; j -= STRIDE) {
    const type = typeAt(events, j);
    if (type === EVENT_ID.SCALAR && events[j + END] >= 0) return events[j + END];
    if (type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE) return events[j + START];
    if (type === EVENT_ID.ALIAS) return events[j + ANCHOR_END];
  }
  return 0;
}
