import { lineWidth, text, type Line } from './lines.ts';
import { LineView } from './line-view.tsx';
import { formatDuration, plural } from './model.ts';
import type { Summary } from '../types.ts';
import type { Theme } from './theme.ts';

export interface SummaryHeaderProps {
  readonly summary: Summary;
  /** The stage of a re-run in progress, if any. */
  readonly running?: string;
  /** A problem with the last re-run (the previous results stay on screen). */
  readonly error?: string;
  readonly width: number;
  readonly theme: Theme;
}

/** `meshlint  ✖ 2 errors  ⚠ 1 warning  ℹ 0 infos · 8 files · 18 resources · 41 ms` */
export function summaryLine(s: Summary, running?: string, error?: string): Line {
  const out: Line = [
    text('meshlint  ', 'heading'),
    ...(running ? [text(`⟳ ${running}…  `, 'accent')] : []),
    text(`✖ ${plural(s.errors, 'error')}`, s.errors ? 'error' : 'muted'),
    text('  '),
    text(`⚠ ${plural(s.warnings, 'warning')}`, s.warnings ? 'warning' : 'muted'),
    text('  '),
    text(`ℹ ${plural(s.infos, 'info')}`, s.infos ? 'info' : 'muted'),
    text(` · ${plural(s.files, 'file')} · ${plural(s.resources, 'resource')} · ${formatDuration(s.durationMs)}`, 'muted'),
  ];
  if (s.suppressed) out.push(text(` · ${s.suppressed} suppressed`, 'muted'));
  if (error) out.push(text(`  ${error}`, 'error'));
  return out;
}

export function SummaryHeader({ summary, running, error, width, theme }: SummaryHeaderProps) {
  const line = summaryLine(summary, running, error);
  // The name goes first when space is short: the counts matter more.
  return <LineView line={lineWidth(line) > width ? line.slice(1) : line} theme={theme} />;
}

export interface StatusLineProps {
  readonly title: string;
  readonly detail?: string;
  readonly theme: Theme;
}

/** What the body shows: the view's title, then counts or the active filters. */
export function StatusLine({ title, detail, theme }: StatusLineProps) {
  return <LineView line={[text(title, 'accent'), ...(detail ? [text(`  ${detail}`, 'muted')] : [])]} theme={theme} />;
}

export interface FooterProps {
  /** The `/` query being typed, if any. */
  readonly search?: string;
  readonly hints: string;
  readonly theme: Theme;
}

export function Footer({ search, hints, theme }: FooterProps) {
  if (search !== undefined) return <LineView line={[text('/', 'accent'), text(search), text('█', 'muted'), text('   enter keep · esc cancel', 'muted')]} theme={theme} />;
  return <LineView line={[text(hints, 'muted')]} theme={theme} />;
}
