import { text, type Line } from './lines.ts';
import { LinesView } from './line-view.tsx';
import type { Theme } from './theme.ts';

const KEYS: readonly (readonly [string, string])[] = [
  ['↑ ↓  j k', 'move; PgUp PgDn / space page; g G first, last'],
  ['enter  →', 'open the finding (or the host\'s route tree)'],
  ['esc  ←  h', 'back; on the list, quit'],
  ['n  p', 'next / previous finding or host while one is open'],
  ['/', 'search messages, rules, files and resources'],
  ['s', 'severity filter: all → error → warning → info'],
  ['f', 'filter by rule, namespace or kind'],
  ['c', 'clear all filters'],
  ['m', 'mesh view: hosts and their route trees'],
  ['r', 're-run the lint'],
  ['q', 'quit (exit code as without the terminal UI)'],
];

export function helpLines(): Line[] {
  return [[text('Keys', 'heading'), text('  (any key closes this)', 'muted')], [], ...KEYS.map(([k, what]) => [text(`  ${k.padEnd(12)}`, 'accent'), text(what)])];
}

export function HelpView({ height, theme }: { readonly height: number; readonly theme: Theme }) {
  return <LinesView lines={helpLines()} top={0} height={height} theme={theme} />;
}
