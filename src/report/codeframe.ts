import { lineIndexOf } from '../core/lines.ts';
import type { Location, SourceFile } from '../core/types.ts';
import type { Paint } from './colors.ts';
import { clean } from './sanitize.ts';

/** The offending line with one line of context above and a caret under the range. */
export function codeFrame(source: SourceFile | undefined, loc: Location, p: Paint, indent = '  '): string {
  if (!source) return '';
  const lines = lineIndexOf(source);
  const { line, column } = loc.range.start;
  if (line < 1 || line > lines.lineCount) return '';
  const first = Math.max(1, line - 1);
  const width = String(line).length;
  const out: string[] = [];
  for (let n = first; n <= line; n++) {
    const text = clean(expandTabs(lines.lineText(n)));
    const gutter = `${n === line ? '>' : ' '} ${String(n).padStart(width)} |`;
    out.push(`${indent}${n === line ? p.bold(gutter) : p.dim(gutter)}${text ? ' ' + text : ''}`);
  }
  const raw = lines.lineText(line);
  const col = visualColumn(raw, column);
  const endCol = loc.range.end.line === line ? visualColumn(raw, loc.range.end.column) : visualColumn(raw, raw.length + 1);
  const len = Math.max(1, endCol - col);
  out.push(`${indent}  ${' '.repeat(width)} | ${' '.repeat(col - 1)}${p.red('^'.repeat(len))}`);
  return out.join('\n');
}

function expandTabs(s: string): string {
  return s.includes('\t') ? s.replace(/\t/g, '  ') : s;
}

/** Column on screen of a 1-based column: tabs drawn as two spaces, control characters as their escapes. */
function visualColumn(line: string, column: number): number {
  const head = line.slice(0, Math.max(0, column - 1));
  return clean(expandTabs(head)).length + 1 + Math.max(0, column - 1 - line.length);
}
