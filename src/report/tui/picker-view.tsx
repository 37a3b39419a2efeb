import { Box } from 'ink';
import { text, truncate, type Line } from './lines.ts';
import { LinesView } from './line-view.tsx';
import { FACETS, type FacetValue, type Filters } from './model.ts';
import type { Theme } from './theme.ts';

export interface PickerViewProps {
  readonly facets: readonly (readonly FacetValue[])[];
  readonly facet: number;
  readonly cursor: number;
  readonly filters: Filters;
  readonly height: number;
  readonly width: number;
  readonly theme: Theme;
}

/** Lines of the filter picker: facet tabs, then "(any)" and each value with its count. */
export function pickerLines(p: Omit<PickerViewProps, 'height' | 'theme'>, height: number): Line[] {
  const tabs: Line = [text('Filter by ', 'muted')];
  FACETS.forEach((f, i) => tabs.push(text(i === p.facet ? `[${f}]` : ` ${f} `, i === p.facet ? 'heading' : 'muted'), text(' ')));
  tabs.push(text('  tab/←→ switch · enter choose · esc close', 'muted'));
  const current = p.filters[FACETS[p.facet]];
  const values = p.facets[p.facet] ?? [];
  const items: Line[] = [['(any)', undefined] as const, ...values.map((v) => [v.value, v.count] as const)].map(([value, count], i) => {
    const chosen = i === 0 ? current === undefined : current === value;
    const countText = count === undefined ? '' : String(count);
    const name = truncate(value, Math.max(10, p.width - 10 - countText.length));
    return [
      text(i === p.cursor ? '› ' : '  ', 'accent'),
      text(chosen ? '● ' : '○ ', chosen ? 'accent' : 'muted'),
      text(name, i === p.cursor ? 'heading' : undefined),
      text(' '.repeat(Math.max(2, p.width - 8 - name.length - countText.length)) + countText, 'muted'),
    ];
  });
  const room = Math.max(1, height - 2);
  const top = Math.max(0, Math.min(p.cursor - room + 1, items.length - room));
  return [tabs, [], ...items.slice(Math.max(0, top), Math.max(0, top) + room)];
}

export function PickerView(p: PickerViewProps) {
  return (
    <Box flexDirection="column" height={p.height}>
      <LinesView lines={pickerLines(p, p.height)} top={0} height={p.height} theme={p.theme} />
    </Box>
  );
}
