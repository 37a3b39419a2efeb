import { Box } from 'ink';
import { text, type Line } from './lines.ts';
import { LinesView } from './line-view.tsx';
import { plural } from './model.ts';
import type { Theme } from './theme.ts';

export interface Progress {
  /** The stage that has just started (the engine's stage names). */
  stage: string;
  files: number;
  resources: number;
}

const STAGES: readonly (readonly [string, string])[] = [
  ['load', 'Reading files'],
  ['parse', 'Parsing YAML'],
  ['graph', 'Building the mesh graph'],
  ['rules', 'Running rules'],
];

export function stageLabel(stage: string): string {
  return STAGES.find(([s]) => s === stage)?.[1] ?? (stage === 'report' ? 'Sorting findings' : stage);
}

export function progressLines(target: string, p: Progress): Line[] {
  const current = STAGES.findIndex(([s]) => s === p.stage);
  const after = current < 0 ? STAGES.length : current;
  const lines: Line[] = [[text('meshlint', 'heading'), text(` · linting ${target}`, 'muted')], []];
  STAGES.forEach(([, label], i) => {
    if (i < after) lines.push([text('  ✔ ', 'ok'), text(label)]);
    else if (i === current) lines.push([text('  ▸ ', 'accent'), text(label, 'heading'), text('…', 'muted')]);
    else lines.push([text(`  · ${label}`, 'muted')]);
  });
  if (current < 0) lines.push([text('  ▸ ', 'accent'), text(stageLabel(p.stage), 'heading'), text('…', 'muted')]);
  lines.push([], [text(`  ${plural(p.files, 'file')} · ${plural(p.resources, 'resource')}`)]);
  return lines;
}

export interface ProgressViewProps {
  readonly target: string;
  readonly progress: Progress;
  readonly height: number;
  readonly theme: Theme;
}

/** Shown while the first run loads, parses and analyses: the stage and what has been counted so far. */
export function ProgressView({ target, progress, height, theme }: ProgressViewProps) {
  return (
    <Box flexDirection="column" height={height}>
      <LinesView lines={progressLines(target, progress)} top={0} height={height} theme={theme} />
    </Box>
  );
}
