import { defineRule } from '../../src/engine/index.ts';
import { lint, type LintOptions, type LintResult } from '../../src/engine/index.ts';
import { ROOT } from './lint.ts';

/**
 * A rule for engine tests: it flags every key under `data:` of every ConfigMap, so a test decides where
 * findings land by writing data keys. It carries an istioctl and a Kiali code like the real rules.
 */
export const flagData = defineRule({
  id: 'flag-data',
  severity: 'error',
  category: 'correctness',
  istio: 'IST0101',
  istioAnalyzer: 'test.DataAnalyzer',
  kiali: 'KIA0001',
  docs: { summary: 'Flags ConfigMap data keys.', description: 'A rule for tests.' },
  check(ctx) {
    for (const r of ctx.graph.resources.ofKind('ConfigMap')) {
      for (const k of Object.keys(r.object?.data ?? {})) ctx.report({ resource: r, pointer: `/data/${k}`, message: `Flagged "${k}"`, discriminator: k });
    }
  },
});

/** Lints `text` as the file `name` with the probe rule (plus `opts`). */
export function lintText(text: string, opts: Partial<LintOptions> = {}, name = 'test.yaml'): LintResult {
  return lint({ cwd: ROOT, paths: ['-'], stdinFilename: name, readStdin: () => Buffer.from(text), rules: [flagData], ...opts });
}

/** `rule line:col` for each finding. */
export function where(result: LintResult): string[] {
  return result.diagnostics.map((d) => `${d.ruleId} ${d.location.range.start.line}:${d.location.range.start.column}`);
}
