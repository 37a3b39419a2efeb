import { Box, Text } from 'ink';
import type { Line } from './lines.ts';
import type { Theme } from './theme.ts';

export interface LineViewProps {
  readonly line: Line;
  readonly theme: Theme;
  readonly selected?: boolean;
}

/** One screen line; never wraps, so a list of N lines is exactly N rows high. */
export function LineView({ line, theme, selected }: LineViewProps) {
  const body = line.length ? line.map((s, i) => (s.tone ? <Text key={i} {...theme[s.tone]}>{s.text}</Text> : s.text)) : ' ';
  return (
    <Text wrap="truncate-end" {...(selected ? theme.selected : {})}>
      {body}
    </Text>
  );
}

export interface LinesViewProps {
  readonly lines: readonly Line[];
  readonly top: number;
  readonly height: number;
  readonly theme: Theme;
}

/** A window of `height` lines starting at `top`: only the visible lines are rendered. */
export function LinesView({ lines, top, height, theme }: LinesViewProps) {
  const first = Math.max(0, Math.min(top, lines.length - height));
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {lines.slice(first, first + height).map((line, i) => (
        <LineView key={first + i} line={line} theme={theme} />
      ))}
    </Box>
  );
}
