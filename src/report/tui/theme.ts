import type { Tone } from './lines.ts';

/** Props for ink's <Text>. */
export interface Style {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

export type Theme = Readonly<Record<Tone, Style>>;

const COLOR: Theme = {
  error: { color: 'red', bold: true },
  warning: { color: 'yellow', bold: true },
  info: { color: 'blue', bold: true },
  accent: { color: 'cyan' },
  muted: { color: 'gray' },
  fix: { color: 'green' },
  highlight: { color: 'red', inverse: true },
  heading: { bold: true },
  missing: { color: 'red', bold: true },
  ok: { color: 'green' },
  selected: { inverse: true },
};

// NO_COLOR asks for no colour, not for no emphasis: bold, dim and inverse keep the highlight and selection visible.
const MONO: Theme = {
  error: { bold: true },
  warning: { bold: true },
  info: { bold: true },
  accent: {},
  muted: { dimColor: true },
  fix: {},
  highlight: { inverse: true },
  heading: { bold: true },
  missing: { bold: true },
  ok: {},
  selected: { inverse: true },
};

export function themeFor(color: boolean): Theme {
  return color ? COLOR : MONO;
}
