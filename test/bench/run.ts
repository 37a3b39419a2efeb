// `npm run bench [-- --quick] [--sizes 1000,4000] [--reps 3] [--keep] [--policies]`: generates meshes of N services, measures
// the YAML floor and meshlint's full lint (each in a process of its own), cold start, and checks the findings
// against the planted errors. Ends with one `SUMMARY` line per figure. Exit 1 only when the findings check fails:
// times are reported, never asserted. The lint runs the bundled code (bin/build.mjs, entry.ts), as users do.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundle } from '../../bin/build.mjs';
import { coldStart, type ColdStart } from './cold.ts';
import { failures, summarize } from './expect.ts';
import { generateMesh, writeMesh } from './generate.ts';
import type { FloorResult, LintMeasure } from './measure.ts';
import { formatSize, layoutTable, summaryLine, TARGETS } from './table.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const LAYOUTS = ['per-file', 'multi-doc'] as const;
export type Layout = (typeof LAYOUTS)[number];

export interface BenchOptions {
  sizes: number[];
  reps?: number;
  coldRuns: number;
  keep?: boolean;
  print?: boolean;
  build?: boolean;
  /** Also lint with the ten example policies (fixtures/policies) and report what they add. */
  policies?: boolean;
}

export interface SizeResult {
  n: number;
  namespaces: number;
  resources: number;
  bytes: Record<Layout, number>;
  files: Record<Layout, number>;
  floor: Record<Layout, FloorResult>;
  lint: Record<Layout, LintMeasure>;
  /** The same lint with the example policies (`--policies`). */
  policyLint?: Partial<Record<Layout, LintMeasure>>;
}

export interface BenchResult {
  sizes: SizeResult[];
  cold: ColdStart;
  summary: string[];
  failures: string[];
  output: string;
}

export const QUICK: BenchOptions = { sizes: [200], reps: 1, coldRuns: 3 };
export const FULL: BenchOptions = { sizes: [1000, 4000, 16000], coldRuns: 15, build: true };

const defaultReps = (n: number) => (n <= 1000 ? 5 : 3);

function child(mode: 'floor' | 'lint', root: string, reps: number, extra: string[], env?: Record<string, string>): any {
  const args = mode === 'floor'
    ? ['--expose-gc', '--import', 'tsx', join(ROOT, 'test/bench/measure.ts'), mode, root, String(reps), ...extra]
    : ['--expose-gc', join(ROOT, 'test/bench/lint-child.mjs'), root, String(reps), ...extra];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: env ? { ...process.env, ...env } : process.env });
  if (r.status !== 0) throw new Error(`bench ${mode} ${root} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus().length} CPUs (${cpu}), Node ${process.version}, ${process.platform}/${process.arch}`;
}

export async function bench(opts: BenchOptions): Promise<BenchResult> {
  const out: string[] = [];
  const log = (s = '') => {
    out.push(s);
    if (opts.print) console.log(s);
  };
  if (opts.build || !existsSync(join(ROOT, 'dist/meshlint.js'))) {
    const b = spawnSync(process.execPath, ['bin/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('build failed');
  }
  // Under the project, so that the bundle's external packages resolve from node_modules.
  const cache = join(ROOT, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const bundleDir = mkdtempSync(join(cache, 'meshlint-bench-'));
  try {
    await bundle({ 'bench-entry': 'test/bench/entry.ts', 'yaml-entry': 'test/bench/yaml-entry.ts' }, bundleDir);
    return await measureAll(opts, bundleDir, log, out);
  } finally {
    rmSync(bundleDir, { recursive: true, force: true });
  }
}

async function measureAll(opts: BenchOptions, bundleDir: string, log: (s?: string) => void, out: string[]): Promise<BenchResult> {
  const bundlePath = join(bundleDir, 'bench-entry.js');
  log(`meshlint benchmark: ${machine()}`);
  log(`times are the best of R runs (R shown per size; yaml parseAllDocuments once above N=4000); each measurement runs in a process of its own`);
  const results: SizeResult[] = [];
  const problems: string[] = [];
  for (const n of opts.sizes) {
    const reps = opts.reps ?? defaultReps(n);
    const mesh = generateMesh(n);
    const dir = mkdtempSync(join(tmpdir(), `meshlint-bench-${n}-`));
    try {
      const w = writeMesh(mesh, dir);
      const expectedFile = join(dir, 'expected.json');
      writeFileSync(expectedFile, JSON.stringify(mesh.expected));
      const roots: Record<Layout, string> = { 'per-file': w.perFile, 'multi-doc': w.multiDoc };
      const r: SizeResult = {
        n, namespaces: mesh.namespaces, resources: mesh.resources,
        bytes: { 'per-file': mesh.bytes, 'multi-doc': statSync(w.multiDocFile).size },
        files: { 'per-file': mesh.files.length, 'multi-doc': 1 },
        floor: {} as SizeResult['floor'],
        lint: {} as SizeResult['lint'],
      };
      for (const layout of LAYOUTS) {
        // `yaml` is a reference figure, several times slower than js-yaml: timed once on big inputs.
        r.floor[layout] = child('floor', roots[layout], reps, [String(n > 4000 ? 1 : reps), join(bundleDir, 'yaml-entry.js')]);
        r.lint[layout] = child('lint', roots[layout], reps, [expectedFile, bundlePath]);
        for (const f of failures(r.lint[layout].comparison)) problems.push(`N=${n} ${layout}: ${f}`);
        // Policy findings are not among the planted errors: only the time is compared.
        if (opts.policies) (r.policyLint ??= {})[layout] = child('lint', roots[layout], reps, [expectedFile, bundlePath], { MESHLINT_BENCH_POLICIES: join(ROOT, 'fixtures/policies') });
      }
      results.push(r);
      log();
      log(`N=${n} services, ${mesh.namespaces} namespaces, ${mesh.resources} resources, ${formatSize(mesh.bytes)}, R=${reps}`);
      for (const line of layoutTable(r)) log(line);
      for (const layout of LAYOUTS) {
        const p = r.policyLint?.[layout];
        if (p) log(`  ${layout}: with the ten example policies ${lintMs(p).toFixed(0)} ms (+${((lintMs(p) / lintMs(r.lint[layout]) - 1) * 100).toFixed(1)}%)`);
      }
    } finally {
      if (opts.keep) log(`  kept ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    }
  }
  const cold = coldStart(ROOT, opts.coldRuns);
  log();
  log(`cold start (median of ${cold.runs}): node bin/meshlint.js fixtures/demo -f compact ${cold.meshlintMs.toFixed(0)} ms, node -e 0 ${cold.nodeMs.toFixed(0)} ms`);
  if (problems.length) {
    log();
    log('FINDINGS CHECK FAILED:');
    for (const p of problems) log(`  ${p}`);
  }
  const summary = summaryLines(results, cold);
  log();
  for (const s of summary) log(s);
  return { sizes: results, cold, summary, failures: problems, output: out.join('\n') };
}

const best = (xs: readonly number[]) => Math.min(...xs);
export const lintMs = (m: LintMeasure) => best(m.runs.map((r) => r.total));
export const lintCpuMs = (m: LintMeasure) => best(m.runs.map((r) => r.cpu));

function summaryLines(results: SizeResult[], cold: ColdStart): string[] {
  const lines: string[] = [];
  const top = results.at(-1)!;
  const prev = results.length > 1 ? results.at(-2)! : undefined;
  for (const layout of LAYOUTS) {
    const lint = lintMs(top.lint[layout]);
    const floor = best(top.floor[layout].jsYaml);
    lines.push(summaryLine(`lint-ms N=${top.n} ${layout}`, `${lint.toFixed(0)} ms`));
    lines.push(summaryLine(`floor-js-yaml-ms N=${top.n} ${layout}`, `${floor.toFixed(0)} ms`));
    lines.push(summaryLine(`floor-yaml-ms N=${top.n} ${layout}`, `${best(top.floor[layout].yaml).toFixed(0)} ms`));
    const bundled = best(top.floor[layout].jsYamlBundled);
    lines.push(summaryLine(`floor-bundled-ms N=${top.n} ${layout}`, `${bundled.toFixed(0)} ms`, undefined, `lint/that ${(lint / bundled).toFixed(2)}x`));
    lines.push(summaryLine(`lint/js-yaml N=${top.n} ${layout}`, `${(lint / floor).toFixed(2)}x`, lint / floor <= TARGETS.ratio, `<= ${TARGETS.ratio}x`));
    const cpuRatio = lintCpuMs(top.lint[layout]) / best(top.floor[layout].jsYamlCpu);
    lines.push(summaryLine(`lint/js-yaml-cpu N=${top.n} ${layout}`, `${cpuRatio.toFixed(2)}x`, undefined, 'same ratio on CPU time'));
    if (prev) {
      const g = lint / lintMs(prev.lint[layout]);
      lines.push(summaryLine(`growth ${top.n}/${prev.n} ${layout}`, g.toFixed(2), top.n / prev.n !== 4 ? undefined : g <= TARGETS.growth, `<= ${TARGETS.growth} (linear ${(top.n / prev.n).toFixed(1)})`));
      const gc = lintCpuMs(top.lint[layout]) / lintCpuMs(prev.lint[layout]);
      lines.push(summaryLine(`growth-cpu ${top.n}/${prev.n} ${layout}`, gc.toFixed(2), undefined, 'same on CPU time'));
    }
    const rss = top.lint[layout].peakRss;
    const limit = TARGETS.rssPerByte * top.bytes[layout] + TARGETS.rssBase;
    lines.push(summaryLine(`peak-rss N=${top.n} ${layout}`, formatSize(rss), rss <= limit, `<= ${formatSize(limit)}`));
    const withPolicies = top.policyLint?.[layout];
    if (withPolicies) {
      const added = lintMs(withPolicies) / lint - 1;
      lines.push(summaryLine(`policy-overhead N=${top.n} ${layout}`, `+${(added * 100).toFixed(1)}%`, added <= 0.25, '<= 25%'));
    }
    const c = top.lint[layout].comparison;
    lines.push(summaryLine(`findings N=${top.n} ${layout}`, summarize(c, true), failures(c).length === 0, 'all planted found, nothing unexpected'));
  }
  const ratio = cold.meshlintMs / cold.nodeMs;
  lines.push(summaryLine('cold-start', `${ratio.toFixed(2)}x (${cold.meshlintMs.toFixed(0)} ms vs ${cold.nodeMs.toFixed(0)} ms)`, ratio <= TARGETS.coldStart, `<= ${TARGETS.coldStart}x`));
  return lines;
}

function parseFlags(argv: string[]): BenchOptions {
  const opts: BenchOptions = { ...(argv.includes('--quick') ? QUICK : FULL), print: true };
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sizes = value('--sizes');
  if (sizes) opts.sizes = sizes.split(',').map(Number);
  const reps = value('--reps');
  if (reps) opts.reps = Number(reps);
  if (argv.includes('--keep')) opts.keep = true;
  if (argv.includes('--policies')) opts.policies = true;
  return opts;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const r = await bench(parseFlags(process.argv.slice(2)));
  process.exitCode = r.failures.length ? 1 : 0;
}
