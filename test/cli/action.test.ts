// The GitHub Action's entry under a simulated runner: the variables a runner sets, INPUT_* inputs, and the
// files it reads back (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, the SARIF log).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as jsyaml from 'js-yaml';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runAction } from '../../src/cli/action.ts';
import { ROOT } from '../helpers/lint.ts';
import { sarifSchemaErrors } from '../helpers/sarif-schema.ts';

const SHA = '4f1c0ffee4f1c0ffee4f1c0ffee4f1c0ffee4f1c';

/** A VirtualService whose first route has a negative weight (error) and second adds up to 90 (warning). */
function vs(name: string, weights = ['-20', '20']): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
  namespace: shop
spec:
  hosts: [${name}]
  http:
  - match:
    - uri: {prefix: /beta}
    route:
    - destination: {host: ${name}, subset: v1}
      weight: 80
    - destination: {host: ${name}, subset: v2}
      weight: ${weights[0]}
  - route:
    - destination: {host: ${name}, subset: v1}
      weight: 70
    - destination: {host: ${name}, subset: v2}
      weight: ${weights[1]}
`;
}
const CLEAN = vs('reviews', ['20', '30']);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  outputs: string;
  summary: string;
  sarif: any;
}

const a = suite('GitHub Action (simulated runner)');
let ws = '';
a.before.each(() => {
  ws = mkdtempSync(join(tmpdir(), 'meshlint-action-'));
  spawnSync('git', ['init', '-q'], { cwd: ws });
});
a.after.each(() => rmSync(ws, { recursive: true, force: true }));

function write(files: Record<string, string>) {
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(ws, f)), { recursive: true });
    writeFileSync(join(ws, f), text);
  }
}

/** Runs the entry as the runner would: inputs as INPUT_<NAME> (JavaScript-action spelling), cwd = workspace. */
async function act(inputs: Record<string, string>): Promise<Run> {
  const runner = join(ws, '..', `${ws.split('/').pop()}-runner`);
  mkdirSync(runner, { recursive: true });
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: ws,
    GITHUB_OUTPUT: join(runner, 'output'),
    GITHUB_STEP_SUMMARY: join(runner, 'summary'),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/mesh',
    GITHUB_SHA: SHA,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  let stdout = '';
  let stderr = '';
  try {
    const code = await runAction({ stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env, cwd: ws });
    const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
    const sarifPath = /^sarif-file=(.*)$/m.exec(read(env.GITHUB_OUTPUT))?.[1];
    return { code, stdout, stderr, outputs: read(env.GITHUB_OUTPUT), summary: read(env.GITHUB_STEP_SUMMARY), sarif: sarifPath ? JSON.parse(read(sarifPath)) : undefined };
  } finally {
    rmSync(runner, { recursive: true, force: true });
  }
}

const annotationsOf = (out: string, kind: string) => out.split('\n').filter((l) => l.startsWith(`::${kind} `));

/** What GitHub code scanning needs beyond schema validity (spec: GitHub's SARIF support page). */
function assertCodeScanningReady(log: any) {
  assert.equal(sarifSchemaErrors(log), []);
  const run = log.runs[0];
  assert.is(run.automationDetails.id, 'meshlint/');
  for (const r of run.results) {
    const loc = r.locations[0].physicalLocation;
    assert.not.match(loc.artifactLocation.uri, /^(file:|\/)/, 'repository-relative URI');
    assert.is(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.type(loc.region[k], 'number', `region.${k}`);
    assert.is(r.partialFingerprints?.primaryLocationLineHash, undefined, 'upload-sarif computes it');
    assert.is(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
  }
}

a('clean repository: exit 0, empty SARIF results, the summary says so', async () => {
  write({ 'deploy/mesh/reviews.yaml': CLEAN });
  const r = await act({ paths: 'mesh', 'working-directory': 'deploy' });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.outputs, `errors=0\nwarnings=0\nsarif-file=${join(ws, 'deploy/meshlint.sarif')}\n`);
  assert.is(r.summary, '### meshlint\n\n✔ No problems found · 1 resource in 1 file\n');
  assert.is(r.stdout, 'meshlint: no problems found · 1 resource in 1 file\n');
  assert.equal(r.sarif.runs[0].results, []);
  assertCodeScanningReady(r.sarif);
});

a('errors: exit 1, annotations, outputs, summary with links, SARIF relative to the repository root', async () => {
  write({ 'deploy/mesh/reviews.yaml': vs('reviews') });
  const r = await act({ paths: 'mesh', 'working-directory': 'deploy', 'sarif-file': 'out/meshlint.sarif' });
  assert.is(r.code, 1, r.stderr);
  assert.is(r.outputs, `errors=1\nwarnings=1\nsarif-file=${join(ws, 'deploy/out/meshlint.sarif')}\n`);
  assert.equal(annotationsOf(r.stdout, 'error'), [
    '::error file=deploy/mesh/reviews.yaml,line=15,col=15,endLine=15,endColumn=18,title=meshlint vs-route-weights::Negative weight -20 for reviews subset v2: Istio rejects the VirtualService [VirtualService shop/reviews]',
  ]);
  assert.is(annotationsOf(r.stdout, 'warning').length, 1);
  assert.match(r.stdout, /^::warning file=deploy\/mesh\/reviews\.yaml,line=18,col=15,/m);
  assert.match(r.summary, /\| vs-route-weights \| 1 \| 1 \| 0 \|/);
  assert.ok(r.summary.includes(`| error | [deploy/mesh/reviews.yaml:15:15](https://github.com/acme/mesh/blob/${SHA}/deploy/mesh/reviews.yaml#L15) | vs-route-weights |`), r.summary);
  const results = r.sarif.runs[0].results;
  assert.equal(results.map((x: any) => [x.ruleId, x.level, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region.startLine]), [
    ['vs-route-weights', 'error', 'deploy/mesh/reviews.yaml', 15],
    ['vs-route-weights', 'warning', 'deploy/mesh/reviews.yaml', 18],
  ]);
  assert.is(r.sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri, `file://${ws}/`);
  assertCodeScanningReady(r.sarif);
});

a('a cross-file finding links its related location from the message, both relative to the repository root', async () => {
  write({
    'deploy/mesh/reviews-vs.yaml': CLEAN,
    'deploy/mesh/reviews-dr.yaml': 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: shop\nspec:\n  host: reviews\n  subsets:\n  - name: v1\n    labels: {version: v1}\n',
  });
  const r = await act({ 'working-directory': 'deploy' });
  assert.is(r.code, 1, r.stdout + r.stderr);
  const res = r.sarif.runs[0].results.filter((x: any) => x.ruleId === 'virtualservice-subset-not-found');
  // both routes send a share to subset v2
  assert.equal(res.map((x: any) => x.locations[0].physicalLocation.region.startLine), [14, 19]);
  for (const x of res) {
    assert.is(x.locations[0].physicalLocation.artifactLocation.uri, 'deploy/mesh/reviews-vs.yaml');
    assert.is(x.relatedLocations[0].id, 1);
    assert.is(x.relatedLocations[0].physicalLocation.artifactLocation.uri, 'deploy/mesh/reviews-dr.yaml');
    assert.match(x.message.text, /^Subset "v2" is not defined .*\(see \[DestinationRule shop\/reviews\]\(1\)\)$/);
  }
  assertCodeScanningReady(r.sarif);
});

a('fail-on never: findings are reported, the step passes', async () => {
  write({ 'reviews.yaml': vs('reviews') });
  const r = await act({ 'fail-on': 'never' });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.outputs, /^errors=1\nwarnings=1\n/);
  assert.is(annotationsOf(r.stdout, 'error').length, 1);
  assert.is(r.sarif.runs[0].results.length, 2);
});

a('fail-on warning: a warning alone fails the step', async () => {
  write({ 'reviews.yaml': vs('reviews', ['20', '20']) });
  const r = await act({ 'fail-on': 'warning' });
  assert.is(r.code, 1, r.stderr);
  assert.match(r.outputs, /^errors=0\nwarnings=1\n/);
});

a('more findings than the annotation limit: 10 of each kind annotated, the rest counted', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 12; i++) files[`mesh/svc-${String(i).padStart(2, '0')}.yaml`] = vs(`svc-${i}`);
  write(files);
  const r = await act({ paths: 'mesh' });
  assert.is(r.code, 1);
  assert.is(annotationsOf(r.stdout, 'error').length, 10);
  assert.is(annotationsOf(r.stdout, 'warning').length, 10);
  assert.match(r.stdout, /^meshlint: 4 more problems not annotated /m);
  assert.match(r.outputs, /^errors=12\nwarnings=12\n/);
  assert.match(r.summary, /\| vs-route-weights \| 12 \| 12 \| 0 \|/);
  assert.match(r.summary, /\n4 of 24 findings have no annotation \(GitHub shows 10 annotations of each severity per step\); /);
  assert.is(r.sarif.runs[0].results.length, 24);
  assertCodeScanningReady(r.sarif);
});

a('annotations off: no workflow commands, the findings stay in the log, summary and SARIF', async () => {
  write({ 'reviews.yaml': vs('reviews') });
  const r = await act({ annotations: 'off' });
  assert.is(r.code, 1);
  assert.not.match(r.stdout, /^::/m);
  assert.match(r.stdout, /15:15\s+error\s+Negative weight -20/);
  assert.match(r.summary, /\n2 of 2 findings have no annotation \(annotations are off\)/);
  assert.is(r.sarif.runs[0].results.length, 2);
});

a('a bad input is a usage error: exit 2, no outputs', async () => {
  write({ 'reviews.yaml': CLEAN });
  const bad = await act({ 'fail-on': 'sometimes' });
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--fail-on sometimes/);
  assert.is(bad.outputs, '');
  const off = await act({ annotations: 'maybe' });
  assert.is(off.code, 2);
  assert.match(off.stdout, /::error title=meshlint::input annotations: expected on or off/);
});

a.run();

const yml = suite('action.yml');
const action = jsyaml.load(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as any;
const step = action.runs.steps.find((s: any) => s.id === 'lint');

yml('every input reaches the entry and every output is one the entry writes', () => {
  const inputs = Object.keys(action.inputs).sort();
  assert.equal(inputs, ['annotations', 'config', 'fail-on', 'paths', 'sarif-file', 'working-directory']);
  for (const name of inputs) assert.is(step.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`], `\${{ inputs.${name} }}`, name);
  assert.equal(Object.keys(action.outputs).sort(), ['errors', 'sarif-file', 'warnings']);
  for (const [name, o] of Object.entries<any>(action.outputs)) assert.is(o.value, `\${{ steps.lint.outputs.${name} }}`);
  assert.is(action.runs.using, 'composite');
});

yml('the step runs the bundled entry as written in action.yml (inputs substituted like the runner does)', () => {
  const bundle = join(ROOT, 'dist/action.js');
  assert.ok(existsSync(bundle), 'dist/action.js is built by `npm run build`');
  const dir = mkdtempSync(join(tmpdir(), 'meshlint-action-yml-'));
  try {
    spawnSync('git', ['init', '-q'], { cwd: dir });
    mkdirSync(join(dir, 'mesh'));
    writeFileSync(join(dir, 'mesh/reviews.yaml'), vs('reviews'));
    const given: Record<string, string> = { paths: 'mesh', 'fail-on': 'never' };
    const env: Record<string, string> = { ...(process.env as Record<string, string>), GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir, GITHUB_OUTPUT: join(dir, '.out'), GITHUB_ACTION_PATH: ROOT };
    for (const [k, v] of Object.entries<string>(step.env)) {
      env[k] = v.replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_m, name: string) => given[name] ?? String(action.inputs[name].default ?? ''));
    }
    const r = spawnSync('bash', ['-e', '-c', step.run], { cwd: dir, env, encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, /^::error file=mesh\/reviews\.yaml,line=15,col=15,/m);
    assert.is(readFileSync(join(dir, '.out'), 'utf8'), `errors=1\nwarnings=1\nsarif-file=${join(dir, 'meshlint.sarif')}\n`);
    assert.equal(sarifSchemaErrors(JSON.parse(readFileSync(join(dir, 'meshlint.sarif'), 'utf8'))), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

yml('the workflow in README uses these inputs and outputs, and uploads the SARIF even after a failure', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /```yaml\n(# \.github\/workflows\/meshlint\.yml\n[\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README has the workflow');
  const wf = jsyaml.load(block![1]) as any;
  assert.is(wf.permissions['security-events'], 'write');
  const steps = wf.jobs.meshlint.steps;
  const lint = steps.find((s: any) => s.id === 'meshlint');
  for (const k of Object.keys(lint.with)) assert.ok(k in action.inputs, k);
  const upload = steps.find((s: any) => String(s.uses).startsWith('github/codeql-action/upload-sarif@'));
  assert.is(upload.with.sarif_file, '${{ steps.meshlint.outputs.sarif-file }}');
  assert.match(upload.if, '!cancelled()');
});

yml.run();
