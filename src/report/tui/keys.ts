import { clamp, FACETS, nextSeverity, NO_FILTERS, scrollTo, type FacetValue, type Filters, type Grouped } from './model.ts';

export type View = 'list' | 'detail' | 'picker' | 'mesh' | 'route' | 'help';

/** Everything the user has changed on screen. Pure data: the key reducer below is the only writer. */
export interface UiState {
  view: View;
  /** Where help and the filter picker return to. */
  under: View;
  filters: Filters;
  /** The `/` query being typed; undefined when not typing. */
  search?: string;
  searchBefore: string;
  cursor: number;
  top: number;
  detailTop: number;
  pickerFacet: number;
  pickerCursor: number;
  hostCursor: number;
  hostTop: number;
  routeTop: number;
}

export const INITIAL: UiState = {
  view: 'list', under: 'list', filters: NO_FILTERS, searchBefore: '', cursor: 0, top: 0, detailTop: 0,
  pickerFacet: 0, pickerCursor: 0, hostCursor: 0, hostTop: 0, routeTop: 0,
};

/** The subset of ink's Key the reducer reads, plus the typed text. */
export interface KeyPress {
  input: string;
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  backspace?: boolean;
  delete?: boolean;
  tab?: boolean;
  shift?: boolean;
  ctrl?: boolean;
  meta?: boolean;
}

const CONTROL_KEYS: Record<string, Partial<KeyPress>> = { '\r': { return: true }, '\n': { return: true }, '\t': { tab: true }, '\u007f': { backspace: true }, '\b': { backspace: true }, '\u001b': { escape: true } };

/** Keys typed faster than a frame (or sent by tmux) arrive as one string: one KeyPress per character. */
export function splitKeys(input: string): KeyPress[] {
  return [...input].map((c) => (CONTROL_KEYS[c] ? { input: '', ...CONTROL_KEYS[c] } : { input: c }));
}

/** Sizes of what is on screen for a given state, so moves can be clamped. */
export interface Measure {
  bodyHeight: number;
  grouped: Grouped;
  /** Lines of the detail of the finding under the cursor. */
  detailLines: number;
  /** Values of each facet in FACETS order, for the picker (the picker adds "any" first). */
  facets: readonly (readonly FacetValue[])[];
  hosts: number;
  routeLines: number;
}

export type Effect = 'quit' | 'rerun';

export interface Outcome {
  state: UiState;
  effect?: Effect;
}

/** -1, +1, ±page, or ±Infinity for home/end; 0 when the key is not a move. */
function moveOf(k: KeyPress, page: number): number {
  if (k.upArrow || k.input === 'k') return -1;
  if (k.downArrow || k.input === 'j') return 1;
  if (k.pageUp || (k.ctrl && k.input === 'u')) return -page;
  if (k.pageDown || (k.ctrl && k.input === 'd') || k.input === ' ') return page;
  if (k.home || k.input === 'g') return -Infinity;
  if (k.end || k.input === 'G') return Infinity;
  return 0;
}

function moveCursor(s: UiState, to: number, m: Measure): UiState {
  const n = m.grouped.rowOf.length;
  const cursor = clamp(to, 0, Math.max(0, n - 1));
  if (!n) return { ...s, cursor: 0, top: 0 };
  const row = m.grouped.rowOf[cursor];
  const total = m.grouped.rows.length;
  // Keep the file header in view above the first finding of a file.
  const header = m.grouped.rows[row - 1]?.type === 'file' ? row - 1 : row;
  const top = scrollTo(scrollTo(s.top, header, m.bodyHeight, total), row, m.bodyHeight, total);
  return { ...s, cursor, top, detailTop: cursor === s.cursor ? s.detailTop : 0 };
}

function scroll(top: number, delta: number, lines: number, height: number): number {
  if (!Number.isFinite(delta)) return delta < 0 ? 0 : Math.max(0, lines - height);
  return clamp(top + delta, 0, Math.max(0, lines - height));
}

function withFilters(s: UiState, filters: Filters): UiState {
  return { ...s, filters, cursor: 0, top: 0, detailTop: 0 };
}

function typing(s: UiState, k: KeyPress): UiState {
  const q = s.search ?? '';
  if (k.return) return { ...s, search: undefined };
  if (k.escape) return withFilters({ ...s, search: undefined }, { ...s.filters, text: s.searchBefore });
  let next = q;
  if (k.backspace || k.delete) next = q.slice(0, -1);
  else if (k.ctrl && k.input === 'u') next = '';
  else if (k.input && !k.ctrl && !k.meta && !k.tab) next = q + k.input.replace(/[\u0000-\u001f\u007f]/g, '');
  if (next === q) return s;
  return withFilters({ ...s, search: next }, { ...s.filters, text: next });
}

function picker(s: UiState, k: KeyPress, m: Measure): UiState {
  const facets = m.facets;
  if (k.escape || k.input === 'f') return { ...s, view: s.under };
  const sideways = k.tab || k.rightArrow || k.input === 'l' ? 1 : k.leftArrow || k.input === 'h' ? -1 : 0;
  if (sideways) return { ...s, pickerFacet: (s.pickerFacet + sideways + FACETS.length) % FACETS.length, pickerCursor: 0 };
  const values = facets[s.pickerFacet] ?? [];
  const move = moveOf(k, m.bodyHeight);
  if (move) return { ...s, pickerCursor: clamp(Number.isFinite(move) ? s.pickerCursor + move : move < 0 ? 0 : values.length, 0, values.length) };
  if (k.return) {
    const facet = FACETS[s.pickerFacet];
    const value = s.pickerCursor === 0 ? undefined : values[s.pickerCursor - 1]?.value;
    return withFilters({ ...s, view: 'list' }, { ...s.filters, [facet]: value });
  }
  return s;
}

function list(s: UiState, k: KeyPress, m: Measure): UiState {
  const move = moveOf(k, m.bodyHeight);
  if (move) return moveCursor(s, Number.isFinite(move) ? s.cursor + move : move < 0 ? 0 : Infinity, m);
  if ((k.return || k.rightArrow || k.input === 'l') && m.grouped.rowOf.length) return { ...s, view: 'detail', detailTop: 0 };
  return s;
}

function detail(s: UiState, k: KeyPress, m: Measure): UiState {
  if (k.escape || k.backspace || k.leftArrow || k.input === 'h') return { ...s, view: 'list' };
  if (k.input === 'n' || k.input === 'p') return { ...moveCursor(s, s.cursor + (k.input === 'n' ? 1 : -1), m), detailTop: 0 };
  const move = moveOf(k, m.bodyHeight);
  if (move) return { ...s, detailTop: scroll(s.detailTop, move, m.detailLines, m.bodyHeight) };
  return s;
}

function hosts(s: UiState, k: KeyPress, m: Measure): UiState {
  if (k.escape || k.input === 'm') return { ...s, view: 'list' };
  if ((k.return || k.rightArrow || k.input === 'l') && m.hosts) return { ...s, view: 'route', routeTop: 0 };
  const move = moveOf(k, m.bodyHeight);
  if (!move) return s;
  const hostCursor = clamp(Number.isFinite(move) ? s.hostCursor + move : move < 0 ? 0 : m.hosts, 0, Math.max(0, m.hosts - 1));
  return { ...s, hostCursor, hostTop: scrollTo(s.hostTop, hostCursor, m.bodyHeight, m.hosts) };
}

function route(s: UiState, k: KeyPress, m: Measure): UiState {
  if (k.escape || k.backspace || k.leftArrow || k.input === 'h') return { ...s, view: 'mesh' };
  if (k.input === 'm') return { ...s, view: 'list' };
  if (k.input === 'n' || k.input === 'p') {
    const hostCursor = clamp(s.hostCursor + (k.input === 'n' ? 1 : -1), 0, Math.max(0, m.hosts - 1));
    return { ...s, hostCursor, hostTop: scrollTo(s.hostTop, hostCursor, m.bodyHeight, m.hosts), routeTop: 0 };
  }
  const move = moveOf(k, m.bodyHeight);
  if (move) return { ...s, routeTop: scroll(s.routeTop, move, m.routeLines, m.bodyHeight) };
  return s;
}

/** Applies one key press. Keys that work everywhere come first; then the current view's own keys. */
export function reduceKey(s: UiState, k: KeyPress, m: Measure): Outcome {
  if (s.search !== undefined) return { state: typing(s, k) };
  if (s.view === 'help') return { state: { ...s, view: s.under } };
  if (k.input === 'q' && !k.ctrl) return { state: s, effect: 'quit' };
  if (k.input === 'r' && !k.ctrl) return { state: s, effect: 'rerun' };
  if (s.view === 'picker') return { state: picker(s, k, m) };
  if (k.input === '?') return { state: { ...s, view: 'help', under: s.view } };
  if (s.view === 'mesh') return { state: hosts(s, k, m) };
  if (s.view === 'route') return { state: route(s, k, m) };
  if (k.input === 'm') return { state: { ...s, view: 'mesh' } };
  if (k.input === '/') return { state: { ...s, view: 'list', search: s.filters.text, searchBefore: s.filters.text } };
  if (k.input === 'f') return { state: { ...s, view: 'picker', under: 'list', pickerCursor: 0 } };
  if (k.input === 's') return { state: withFilters({ ...s, view: 'list' }, { ...s.filters, severity: nextSeverity(s.filters.severity) }) };
  if (k.input === 'c') return { state: withFilters({ ...s, view: 'list' }, NO_FILTERS) };
  if (s.view === 'detail') return { state: detail(s, k, m) };
  if (k.escape) return { state: s, effect: 'quit' };
  return { state: list(s, k, m) };
}
