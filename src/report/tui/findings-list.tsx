import { Box } from 'ink';
import type { Diagnostic } from '../../core/types.ts';
import { text, truncate, type Line } from './lines.ts';
import { LineView } from './line-view.tsx';
import { plural, type Grouped } from './model.ts';
import type { Theme } from './theme.ts';

export interface FindingsListProps {
  readonly grouped: Grouped;
  /** Findings before filtering: tells "nothing found" from "nothing matches". */
  readonly total: number;
  readonly cursor: number;
  readonly top: number;
  readonly height: number;
  readonly width: number;
  /** See ruleColumn. */
  readonly ruleWidth: number;
  readonly theme: Theme;
}

const SEVERITY_WORD = { error: 'error  ', warning: 'warning', info: 'info   ' } as const;

/** Width of the rule column: the longest rule id, cut so the message keeps at least 40 columns. */
export function ruleColumn(diags: readonly Diagnostic[], width: number): number {
  let longest = 0;
  for (const d of diags) longest = Math.max(longest, d.ruleId.length);
  return Math.max(0, Math.min(longest, width - FIXED - 2 - 40));
}

const FIXED = 2 + 1 + 8 + 7 + 2;

/** `› 83:15   warning  message…   rule-id`, cut to fit `width`; the rule column is dropped when it has no room. */
export function findingLine(d: Diagnostic, width: number, selected: boolean, ruleWidth: number): Line {
  const { line, column } = d.location.range.start;
  const pos = `${line}:${column}`.padEnd(8);
  const withRule = ruleWidth >= 12;
  const room = width - FIXED - (withRule ? ruleWidth + 2 : 0);
  const message = truncate(d.message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' '), room);
  const out: Line = [text(selected ? '› ' : '  ', 'accent'), text(' ' + pos, 'muted'), text(SEVERITY_WORD[d.severity], d.severity), text('  ' + message)];
  if (withRule) out.push(text(' '.repeat(room - message.length + 2) + truncate(d.ruleId, ruleWidth), 'muted'));
  return out;
}

function fileLine(file: string, count: number): Line {
  return [text(file, 'heading'), text(`  ${plural(count, 'finding')}`, 'muted')];
}

/** Findings grouped under their file, windowed to `height` rows: 5,000 findings cost as much as 20. */
export function FindingsList({ grouped, total, cursor, top, height, width, ruleWidth, theme }: FindingsListProps) {
  if (!grouped.rows.length) {
    const line = total ? [text('No findings match the filters', 'heading'), text('  (c clears them, / edits the search)', 'muted')] : [text('✔ No problems found', 'ok')];
    return (
      <Box height={height} flexDirection="column">
        <LineView line={line} theme={theme} />
      </Box>
    );
  }
  const rows = grouped.rows.slice(top, top + height);
  return (
    <Box height={height} flexDirection="column" overflow="hidden">
      {rows.map((row, i) => {
        if (row.type === 'file') return <LineView key={top + i} line={fileLine(row.file, row.count)} theme={theme} />;
        const selected = row.index === cursor;
        return <LineView key={top + i} line={findingLine(row.diagnostic, width, selected, ruleWidth)} theme={theme} selected={selected} />;
      })}
    </Box>
  );
}
