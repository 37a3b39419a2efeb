// The floor, measured in a process of its own: reading every file and parsing it with each YAML library.
// Prints one JSON line. The lint is measured by lint-child.mjs, in plain Node as users run it (no TypeScript
// loader: it alone adds some 80 MB of RSS), with the shapes below.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadAll } from 'js-yaml';
import { parseAllDocuments } from 'yaml';
import type { Stage } from '../../src/engine/index.ts';
import type { Comparison } from './expect.ts';

export interface FloorResult {
  jsYaml: number[];
  yaml: number[];
  /**
   * js-yaml as meshlint's bundle has it (bin/build.mjs keeps its parser state to one shape): a reference for
   * the per-file layout, where the published js-yaml runs at half speed. The target is against `jsYaml`.
   */
  jsYamlBundled: number[];
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
function floor(root: string, reps: number, yamlReps: number, bundledLoadAll: typeof loadAll): FloorResult {
  const out: FloorResult = { jsYaml: [], yaml: [], jsYamlBundled: [], jsYamlCpu: [], yamlCpu: [], docs: 0 };
  for (let r = 0; r < reps; r++) {
    gc();
    let t = performance.now();
    let c = cpuMs();
    let docs = 0;
    for (const f of manifestFiles(root)) docs += loadAll(readFileSync(f, 'utf8')).length;
    out.jsYaml.push(performance.now() - t);
    out.jsYamlCpu.push(cpuMs() - c);
    out.docs = docs;
    gc();
    t = performance.now();
    for (const f of manifestFiles(root)) bundledLoadAll(readFileSync(f, 'utf8'));
    out.jsYamlBundled.push(performance.now() - t);
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

// `floor ROOT REPS YAML_REPS BUNDLE.js`: how many of the runs also time `yaml`, and the bench bundle (for js-yaml as bundled).
const [mode, root, reps, yamlReps, bundle] = process.argv.slice(2);
if (mode !== 'floor') throw new Error(`usage: measure.ts floor ROOT REPS YAML_REPS BUNDLE.js (the lint is measured by lint-child.mjs)`);
const { loadAll: bundledLoadAll } = (await import(pathToFileURL(bundle).href)) as typeof import('./yaml-entry.ts');
process.stdout.write(JSON.stringify(floor(root, Number(reps), Number(yamlReps ?? reps), bundledLoadAll)) + '\n');
