// Text layout of the benchmark output.
import { summarize } from './expect.ts';
import type { LintMeasure } from './measure.ts';
import { LAYOUTS, lintCpuMs, lintMs, type SizeResult } from './run.ts';

/** The targets: lint <= 2x js-yaml at 16k, growth 16k/4k <= 4.4, RSS <= 12x input + 150 MB, cold start <= 3x. */
export const TARGETS = { ratio: 2.0, growth: 4.4, rssPerByte: 12, rssBase: 150 * 1024 * 1024, coldStart: 3.0 };

const STAGES = ['load', 'parse', 'schema', 'graph', 'rules', 'report', 'render'] as const;
const STAGE_LABEL: Record<string, string> = { report: 'report (filter, sort)', render: 'render json to /dev/null' };

export function formatSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`;
}

const ms = (x: number | undefined) => (x === undefined ? '-' : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
const row = (label: string, cells: string[]) => `  ${label.padEnd(38)}${cells.map((c) => c.padStart(17)).join('')}`;

/** The run whose total was lowest: its stage times are the ones shown. */
function bestRun(m: LintMeasure) {
  return m.runs.reduce((a, b) => (b.total < a.total ? b : a));
}

export function layoutTable(r: SizeResult): string[] {
  const best = (xs: number[]) => Math.min(...xs);
  const per = <T>(f: (l: (typeof LAYOUTS)[number]) => T) => LAYOUTS.map(f);
  const lines = [
    row('', per((l) => l)),
    row('files', per((l) => `${r.files[l]} (${formatSize(r.bytes[l])})`)),
    row('floor: read + js-yaml loadAll', per((l) => ms(best(r.floor[l].jsYaml)))),
    row('  js-yaml as bundled (one state shape)', per((l) => ms(best(r.floor[l].jsYamlBundled)))),
    row('floor: read + yaml parseAllDocuments', per((l) => ms(best(r.floor[l].yaml)))),
    row('meshlint lint (CLI path, json report)', per((l) => ms(lintMs(r.lint[l])))),
  ];
  for (const s of STAGES) {
    if (LAYOUTS.every((l) => r.lint[l].runs.every((run) => run.stages[s] === undefined))) continue;
    lines.push(row(`  ${STAGE_LABEL[s] ?? s}`, per((l) => ms(bestRun(r.lint[l]).stages[s]))));
  }
  lines.push(
    row('cpu: floor js-yaml / lint', per((l) => `${ms(best(r.floor[l].jsYamlCpu))} / ${ms(lintCpuMs(r.lint[l]))}`.replace(/ ms \//, ' /'))),
    row('lint / js-yaml floor', per((l) => `${(lintMs(r.lint[l]) / best(r.floor[l].jsYaml)).toFixed(2)}x`)),
    row('  on cpu time', per((l) => `${(lintCpuMs(r.lint[l]) / best(r.floor[l].jsYamlCpu)).toFixed(2)}x`)),
    row('lint / yaml floor', per((l) => `${(lintMs(r.lint[l]) / best(r.floor[l].yaml)).toFixed(2)}x`)),
    row('peak RSS of the lint process', per((l) => formatSize(r.lint[l].peakRss))),
    row('  RSS before linting (runtime, code)', per((l) => formatSize(r.lint[l].baseRss))),
    row('  target 12 x input + 150 MB', per((l) => formatSize(TARGETS.rssPerByte * r.bytes[l] + TARGETS.rssBase))),
    row('resources linted / findings', per((l) => `${r.lint[l].resources} / ${r.lint[l].findings}`)),
  );
  for (const l of LAYOUTS) {
    const c = r.lint[l].comparison;
    lines.push(`  findings ${l}: ${summarize(c)}`);
    for (const u of [...c.unexpected, ...c.secondary]) lines.push(`    ${c.unexpected.includes(u) ? 'unexpected' : 'secondary'} ${u.severity} ${u.rule} x${u.count}, e.g. ${u.example}`);
    if (r.lint[l].stderr) lines.push(`    stderr: ${r.lint[l].stderr.trim().split('\n')[0]}`);
  }
  return lines;
}

/** `SUMMARY <figure> <value> [target ... ok|MISS]`: one per figure, stable wording for diffs between runs. */
export function summaryLine(figure: string, value: string, ok?: boolean, target?: string): string {
  const verdict = ok === undefined ? (target ? `  (${target})` : '') : `  target ${target} ${ok ? 'ok' : 'MISS'}`;
  return `SUMMARY ${figure.padEnd(34)} ${value}${verdict}`;
}
