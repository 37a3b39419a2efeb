// One measurement in a process of its own, so its peak RSS is its own: `floor ROOT REPS [YAML_REPS]` or
// `lint ROOT REPS EXPECTED.json BUNDLE.js`. Prints one JSON line. meshlint (the bench bundle, see entry.ts) loads
// only for `lint`, before the RSS baseline and the first timed run.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadAll } from 'js-yaml';
import { parseAllDocuments } from 'yaml';
import type { LintResult, Stage } from '../../src/engine/index.ts';
import type { Comparison } from './expect.ts';
import type { Expected } from './generate.ts';

export interface FloorResult {
  jsYaml: number[];
  yaml: number[];
  /** CPU time (user + system, all threads) of the same runs: steadier than wall time on a busy machine. */
  jsYamlCpu: number[];
  yamlCpu: number[];
  docs: number;
}

export interface LintRun {
  /** Whole CLI command, from argument parsing to the JSON report written. */
  total: number;
  cpu: number;
  stages: Partial<Record<Stage | 'render', number>>;
}

export interface LintMeasure {
  runs: LintRun[];
  /** Peak RSS of this process after the first lint, and its RSS before it (runtime + loaded code). */
  peakRss: number;
  baseRss: number;
  resources: number;
  files: number;
  findings: number;
  comparison: Comparison;
  exitCode: number;
  stderr: string;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

function manifestFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[]).filter((p) => /\.ya?ml$/.test(p)).sort().map((p) => join(root, p));
}

/** Reading every file and parsing it with each library: the cost meshlint is compared with. */
function floor(root: string, reps: number, yamlReps: number): FloorResult {
  const out: FloorResult = { jsYaml: [], yaml: [], jsYamlCpu: [], yamlCpu: [], docs: 0 };
  for (let r = 0; r < reps; r++) {
    gc();
    let t = performance.now();
    let c = cpuMs();
    let docs = 0;
    for (const f of manifestFiles(root)) docs += loadAll(readFileSync(f, 'utf8')).length;
    out.jsYaml.push(performance.now() - t);
    out.jsYamlCpu.push(cpuMs() - c);
    out.docs = docs;
    if (r >= yamlReps) continue;
    gc();
    t = performance.now();
    c = cpuMs();
    for (const f of manifestFiles(root)) parseAllDocuments(readFileSync(f, 'utf8'));
    out.yaml.push(performance.now() - t);
    out.yamlCpu.push(cpuMs() - c);
  }
  return out;
}

const LINT_ARGS = ['lint', '.', '--no-config', '-f', 'json', '-o', '/dev/null', '--max-file-size', '4GiB', '--fail-on', 'never'];
// `run.ts --policies` sets it to the example policies' directory, to measure what policy evaluation adds.
const POLICIES = process.env.MESHLINT_BENCH_POLICIES;

type Bundle = typeof import('./entry.ts');
type Main = Bundle['main'];

async function lintOnce(main: Main, root: string): Promise<{ run: LintRun; result: LintResult; code: number; stderr: string }> {
  let result: LintResult | undefined;
  let linted = 0;
  let stderr = '';
  const t0 = performance.now();
  const c0 = cpuMs();
  const code = await main(POLICIES ? [...LINT_ARGS, '--policy', POLICIES] : LINT_ARGS, {
    stdout: { write: () => true },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
    cwd: root,
    onLint: (r) => {
      result = r;
      linted = performance.now();
    },
  });
  const end = performance.now();
  const cpu = cpuMs() - c0;
  if (!result) throw new Error(`meshlint exited with ${code} before linting: ${stderr}`);
  return { run: { total: end - t0, cpu, stages: { ...result.timings, render: end - linted } }, result, code, stderr };
}

async function lint(root: string, reps: number, expected: Expected[], multiDoc: boolean, bundle: string): Promise<LintMeasure> {
  const { main, rules }: Bundle = await import(pathToFileURL(bundle).href);
  const baseRss = process.memoryUsage().rss;
  const first = await lintOnce(main, root);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const r = first.result;
  const { compareFindings } = await import('./expect.ts');
  const comparison = compareFindings(r.diagnostics, expected, rules, (p) => (multiDoc ? 'mesh.yaml' : p));
  const out: LintMeasure = {
    runs: [first.run], peakRss, baseRss, resources: r.resources.length, files: r.files.length, findings: r.diagnostics.length, comparison, exitCode: first.code, stderr: first.stderr,
  };
  for (let i = 1; i < reps; i++) {
    gc();
    out.runs.push((await lintOnce(main, root)).run);
  }
  return out;
}

// After REPS: the expected findings and the bundle (lint), or how many of the runs also time `yaml` (floor).
const [mode, root, reps, expectedFile, bundle] = process.argv.slice(2);
const n = Number(reps);
const result = mode === 'floor'
  ? floor(root, n, Number(expectedFile ?? n))
  : await lint(root, n, JSON.parse(readFileSync(expectedFile, 'utf8')), root.endsWith('multi-doc'), bundle);
process.stdout.write(JSON.stringify(result) + '\n');
