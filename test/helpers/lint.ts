import { resolve } from 'node:path';
import type { Diagnostic, SourceFile } from '../../src/core/index.ts';
import { lint, type LintOptions, type LintResult } from '../../src/engine/index.ts';
import { parseSources } from '../../src/parse/index.ts';
import { rules } from '../../rules/index.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

/** Parses YAML text as one file named `name`. */
export function parseText(text: string, name = 'test.yaml') {
  const file: SourceFile = { path: name, absPath: `/${name}`, text };
  return parseSources([file]);
}

/** Lints paths relative to the project root with every built-in rule. */
export function lintPaths(paths: string[], opts: Partial<LintOptions> = {}): LintResult {
  return lint({ cwd: ROOT, paths, rules, ...opts });
}

/** `rule file:line:col` for each finding: the shape most assertions compare. */
export function brief(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => `${d.ruleId} ${d.location.file}:${d.location.range.start.line}:${d.location.range.start.column}`);
}
