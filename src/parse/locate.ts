import { EVENT_ID, getScalarValue, parseEvents, type ScalarEvent } from 'js-yaml';
import { parsePointer } from '../core/pointer.ts';
import { scalarEnd, scalarStart } from './construct.ts';

/** Source span of one YAML node, and of its key when it is a mapping value. */
export interface PosNode {
  start: number;
  end: number;
  keyStart: number;
  keyEnd: number;
  map?: Map<string, PosNode>;
  seq?: PosNode[];
}

/**
 * Builds the position tree of one document by parsing its text again. Positions are needed only for the
 * few documents that have findings, so the first pass over all files builds values only.
 * `sliceStart`..`sliceEnd` must hold the document; offsets in the tree are absolute.
 */
export function buildPositions(text: string, docStart: number, sliceStart: number, sliceEnd: number): PosNode | undefined {
  // Blank out anything before the document on its first line (`--- `) so offsets stay absolute.
  const pad = docStart - sliceStart;
  const slice = ' '.repeat(pad) + text.slice(docStart, sliceEnd);
  let events;
  try {
    events = parseEvents(slice, { maxDepth: 1000 });
  } catch {
    return undefined;
  }
  const base = sliceStart;
  const stack: PosNode[] = [];
  const pending: (PosNode | undefined)[] = [];
  let root: PosNode | undefined;
  let docs = 0;

  const attach = (node: PosNode) => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      root ??= node;
      return false;
    }
    if (parent.seq) {
      parent.seq.push(node);
      return false;
    }
    const key = pending[pending.length - 1];
    if (!key) {
      pending[pending.length - 1] = node;
      return true;
    }
    pending[pending.length - 1] = undefined;
    node.keyStart = key.start;
    node.keyEnd = key.end;
    const name = (key as PosNode & { text?: string }).text;
    // Duplicate keys: the last one wins, as it does for the value.
    if (name !== undefined) parent.map!.set(name, node);
    return false;
  };

  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    if (ev.type === EVENT_ID.DOCUMENT) {
      if (++docs > 1) break;
      continue;
    }
    if (ev.type === EVENT_ID.SCALAR) {
      const s = ev as ScalarEvent;
      const start = s.valueStart < 0 ? -1 : scalarStart(slice, s) + base;
      const end = s.valueStart < 0 ? -1 : scalarEnd(slice, s) + base;
      const node: PosNode & { text?: string } = { start, end, keyStart: -1, keyEnd: -1 };
      if (start < 0) {
        const parent = stack[stack.length - 1];
        node.start = node.end = parent ? parent.end : 0;
      }
      const isKey = attach(node);
      if (isKey) node.text = s.valueStart < 0 ? '' : getScalarValue(slice, s);
      extend(stack, node.end);
      continue;
    }
    if (ev.type === EVENT_ID.ALIAS) {
      const node = { start: ev.anchorStart - 1 + base, end: ev.anchorEnd + base, keyStart: -1, keyEnd: -1 };
      attach(node);
      extend(stack, node.end);
      continue;
    }
    if (ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE) {
      const node: PosNode = { start: ev.start + base, end: ev.start + 1 + base, keyStart: -1, keyEnd: -1 };
      if (ev.type === EVENT_ID.MAPPING) node.map = new Map();
      else node.seq = [];
      attach(node);
      stack.push(node);
      pending.push(undefined);
      continue;
    }
    if (ev.type === EVENT_ID.POP) {
      const node = stack.pop();
      pending.pop();
      if (!node) continue;
      if (slice.charCodeAt(node.start - base) === 123 || slice.charCodeAt(node.start - base) === 91) node.end = closeBracket(slice, node.end - base) + base;
      extend(stack, node.end);
    }
  }
  return root;
}

function extend(stack: PosNode[], end: number): void {
  for (const n of stack) if (end > n.end) n.end = end;
}

/** After the last child of a flow collection, find its closing bracket. */
function closeBracket(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 125 || c === 93) return i + 1;
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 44) return from;
  }
  return from;
}

export interface Found {
  node: PosNode;
  /** False when the pointer ran past the existing nodes and `node` is the closest parent. */
  exact: boolean;
}

export function findNode(root: PosNode, pointer: string): Found {
  let node = root;
  for (const token of parsePointer(pointer)) {
    let next: PosNode | undefined;
    if (node.map) next = node.map.get(token);
    else if (node.seq && /^\d+$/.test(token)) next = node.seq[Number(token)];
    if (!next) return { node, exact: false };
    node = next;
  }
  return { node, exact: true };
}
