import { Box, useInput } from 'ink';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import type { Diagnostic } from '../../core/types.ts';
import { countSeverities, type ReportData, type RuleInfo } from '../types.ts';
import { detailLines } from './detail.ts';
import { FindingsList, ruleColumn } from './findings-list.tsx';
import { Footer, StatusLine, SummaryHeader } from './header.tsx';
import { HelpView } from './help-view.tsx';
import { INITIAL, reduceKey, splitKeys, type KeyPress, type Measure, type UiState } from './keys.ts';
import type { Line } from './lines.ts';
import { LinesView } from './line-view.tsx';
import type { MeshSource } from './mesh-types.ts';
import { HostList, routeLines } from './mesh-view.tsx';
import { activeFilters, applyFilters, FACETS, facetValues, groupByFile, plural, type Filters } from './model.ts';
import { PickerView } from './picker-view.tsx';
import { ProgressView, stageLabel, type Progress } from './progress-view.tsx';
import { useTerminalSize } from './size.ts';
import { themeFor } from './theme.ts';

/** The outcome of one lint, as the views need it. */
export interface TuiResult {
  report: ReportData;
  mesh?: MeshSource;
}

/** `progress` is set while a run is under way; `result` once one has finished (a re-run keeps the last one on screen). */
export interface RunState {
  progress?: Progress;
  result?: TuiResult;
  /** Why the last run produced no result (e.g. a path disappeared). */
  error?: string;
}

export interface AppProps {
  readonly run: RunState;
  /** What is being linted, for the progress view. */
  readonly target: string;
  readonly color: boolean;
  /** Fixed terminal size; by default the size of stdout, following resizes. */
  readonly columns?: number;
  readonly rows?: number;
  readonly onQuit?: () => void;
  readonly onRerun?: () => void;
}

// Each fits in 79 columns, so the footer is whole on an 80-column terminal.
const HINTS: Record<UiState['view'], string> = {
  list: '↑↓ move  ⏎ open  / search  s severity  f filter  m mesh  r rerun  ? help  q quit',
  detail: '↑↓ scroll  n/p next/prev  esc back  / search  f filter  r rerun  q quit',
  picker: '↑↓ move  ⏎ choose  tab next facet  esc close',
  mesh: '↑↓ move  ⏎ route tree  esc findings  r rerun  ? help  q quit',
  route: '↑↓ scroll  n/p next/prev host  esc hosts  m findings  q quit',
  help: 'any key closes the help',
};

/** `lines 20–38 of 52` when the content is taller than the window. */
function scrollInfo(top: number, lines: number, height: number): string {
  if (lines <= height) return '';
  const first = Math.max(0, Math.min(top, lines - height));
  return `lines ${first + 1}–${first + height} of ${lines}`;
}

/** Remembers the last input and output of `fn`, so the key handler and the render share one computation. */
function useLast<A extends readonly unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const last = useRef<{ args: A; value: R }>(undefined);
  return (...args: A) => {
    const hit = last.current && last.current.args.length === args.length && last.current.args.every((a, i) => a === args[i]);
    if (!hit) last.current = { args, value: fn(...args) };
    return last.current!.value;
  };
}

export function App({ run, target, color, columns, rows, onQuit, onRerun }: AppProps) {
  const size = useTerminalSize({ columns, rows });
  const theme = themeFor(color);
  const [ui, setUi] = useState<UiState>(INITIAL);
  const uiRef = useRef(ui);
  uiRef.current = ui;
  const report = run.result?.report;
  const mesh = run.result?.mesh;
  const diagnostics = report?.diagnostics ?? [];
  const width = size.columns;
  const bodyHeight = Math.max(1, size.rows - 1 - 3);

  const rules = useMemo(() => new Map<string, RuleInfo>((report?.rules ?? []).map((r) => [r.id, r])), [report]);
  const facets = useMemo(() => FACETS.map((f) => facetValues(diagnostics, f)), [diagnostics]);
  const ruleWidth = useMemo(() => ruleColumn(diagnostics, width), [diagnostics, width]);
  const filtered = useLast((diags: readonly Diagnostic[], f: Filters) => {
    const list = applyFilters(diags, f);
    return { list, grouped: groupByFile(list) };
  });
  const detailOf = useLast((d: Diagnostic | undefined, w: number): Line[] => (d && report ? detailLines(d, { sources: report.sources, rules }, w) : []));
  const routeOf = useLast((host: string | undefined, w: number): Line[] => (host && mesh ? routeLines(mesh, host, w) : []));

  // Only what the current view scrolls through is measured: the mesh model is built when first shown.
  const measure = (s: UiState): Measure => {
    const { list, grouped } = filtered(diagnostics, s.filters);
    const meshShown = s.view === 'mesh' || s.view === 'route';
    return {
      bodyHeight,
      grouped,
      detailLines: s.view === 'detail' ? detailOf(list[Math.min(s.cursor, list.length - 1)], width).length : 0,
      facets,
      hosts: meshShown ? (mesh?.hosts.length ?? 0) : 0,
      routeLines: s.view === 'route' ? routeOf(mesh?.hosts[s.hostCursor]?.host, width).length : 0,
    };
  };

  useInput((input, key) => {
    if (!run.result) return;
    const presses: KeyPress[] = input.length > 1 && !key.ctrl && !key.meta ? splitKeys(input) : [{ ...key, input }];
    for (const press of presses) {
      const { state, effect } = reduceKey(uiRef.current, press, measure(uiRef.current));
      uiRef.current = state;
      if (effect === 'quit') onQuit?.();
      if (effect === 'rerun' && !run.progress) onRerun?.();
      if (effect) break;
    }
    setUi(uiRef.current);
  });

  if (!report) {
    return (
      <Box flexDirection="column" width={width} height={size.rows - 1}>
        <ProgressView target={target} progress={run.progress ?? { stage: 'load', files: 0, resources: 0 }} height={size.rows - 1} theme={theme} />
      </Box>
    );
  }

  const { list, grouped } = filtered(diagnostics, ui.filters);
  const cursor = Math.max(0, Math.min(ui.cursor, list.length - 1));
  const view = ui.view === 'detail' && !list.length ? 'list' : ui.view;
  const filterText = activeFilters(ui.filters).join(' ');
  let status: { title: string; detail?: string };
  let body: ReactNode;
  switch (view) {
    case 'detail': {
      const lines = detailOf(list[cursor], width);
      status = { title: `Finding ${cursor + 1} of ${list.length}`, detail: [scrollInfo(ui.detailTop, lines.length, bodyHeight), filterText].filter(Boolean).join(' · ') };
      body = <LinesView lines={lines} top={ui.detailTop} height={bodyHeight} theme={theme} />;
      break;
    }
    case 'picker':
      status = { title: 'Filter', detail: filterText };
      body = <PickerView facets={facets} facet={ui.pickerFacet} cursor={ui.pickerCursor} filters={ui.filters} height={bodyHeight} width={width} theme={theme} />;
      break;
    case 'mesh':
      status = { title: 'Mesh', detail: mesh ? `${plural(mesh.hosts.length, 'host')} · enter shows the route tree` : undefined };
      body = <HostList mesh={mesh} cursor={ui.hostCursor} top={ui.hostTop} height={bodyHeight} width={width} theme={theme} />;
      break;
    case 'route': {
      const lines = routeOf(mesh?.hosts[Math.min(ui.hostCursor, mesh.hosts.length - 1)]?.host, width);
      status = { title: 'Route tree', detail: mesh ? [`host ${Math.min(ui.hostCursor, mesh.hosts.length - 1) + 1} of ${mesh.hosts.length}`, scrollInfo(ui.routeTop, lines.length, bodyHeight)].filter(Boolean).join(' · ') : undefined };
      body = <LinesView lines={lines} top={ui.routeTop} height={bodyHeight} theme={theme} />;
      break;
    }
    case 'help':
      status = { title: 'Help' };
      body = <HelpView height={bodyHeight} theme={theme} />;
      break;
    default:
      status = { title: 'Findings', detail: `${list.length === diagnostics.length ? plural(list.length, 'finding') : `${list.length} of ${diagnostics.length} findings`}${filterText ? ` · ${filterText}` : ''}` };
      body = <FindingsList grouped={grouped} total={diagnostics.length} cursor={cursor} top={ui.top} height={bodyHeight} width={width} ruleWidth={ruleWidth} theme={theme} />;
  }
  const summary = { ...report.summary, ...countSeverities(diagnostics) };
  return (
    <Box flexDirection="column" width={width} height={size.rows - 1}>
      <SummaryHeader summary={summary} width={width} running={run.progress ? stageLabel(run.progress.stage) : undefined} error={run.error} theme={theme} />
      <StatusLine title={status.title} detail={status.detail} theme={theme} />
      <Box height={bodyHeight} flexDirection="column" overflow="hidden">
        {body}
      </Box>
      <Footer search={ui.search} hints={HINTS[view]} theme={theme} />
    </Box>
  );
}
