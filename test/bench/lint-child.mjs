// One lint measurement in a process of its own (so its peak RSS is its own), in plain Node as users run
// meshlint: `node lint-child.mjs ROOT REPS EXPECTED.json BUNDLE.js`. The bench bundle (entry.ts: main, the
// rules and the findings check) loads before the RSS baseline and the first timed run. Prints one JSON line
// (a LintMeasure, see measure.ts).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const LINT_ARGS = ['lint', '.', '--no-config', '-f', 'json', '-o', '/dev/null', '--max-file-size', '4GiB', '--fail-on', 'never'];
// `run.ts --policies` sets it to the example policies' directory, to measure what policy evaluation adds.
const POLICIES = process.env.MESHLINT_BENCH_POLICIES;

const gc = globalThis.gc ?? (() => {});
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

async function lintOnce(main, root) {
  let result;
  let linted = 0;
  let stderr = '';
  const t0 = performance.now();
  const c0 = cpuMs();
  const code = await main(POLICIES ? [...LINT_ARGS, '--policy', POLICIES] : LINT_ARGS, {
    stdout: { write: () => true },
    stderr: { write: (s) => (stderr += s) },
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

const [root, reps, expectedFile, bundle] = process.argv.slice(2);
const { main, rules, compareFindings } = await import(pathToFileURL(bundle).href);
const baseRss = process.memoryUsage().rss;
const first = await lintOnce(main, root);
const peakRss = process.resourceUsage().maxRSS * 1024;
const r = first.result;
const multiDoc = root.endsWith('multi-doc');
const comparison = compareFindings(r.diagnostics, JSON.parse(readFileSync(expectedFile, 'utf8')), rules, (p) => (multiDoc ? 'mesh.yaml' : p));
const out = { runs: [first.run], peakRss, baseRss, resources: r.resources.length, files: r.files.length, findings: r.diagnostics.length, comparison, exitCode: first.code, stderr: first.stderr };
for (let i = 1; i < Number(reps); i++) {
  gc();
  out.runs.push((await lintOnce(main, root)).run);
}
process.stdout.write(JSON.stringify(out) + '\n');
