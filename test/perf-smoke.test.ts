// Keeps the benchmark working: its quick mode must run end to end and find every planted error that a rule
// exists for, with nothing unexpected. Times are printed by `npm run bench`, never asserted here.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeDiagnostic } from '../src/core/diagnostic.ts';
import type { Diagnostic } from '../src/core/index.ts';
import { rules } from '../rules/index.ts';
import { compareFindings, failures, summarize } from './bench/expect.ts';
import { generateMesh, plantAt, type Expected } from './bench/generate.ts';
import { bench, LAYOUTS, QUICK } from './bench/run.ts';

test('the generator is deterministic and plants each kind of error once per 200 services', () => {
  const a = generateMesh(200);
  const b = generateMesh(200);
  assert.equal(a.files.map((f) => f.text).join(''), b.files.map((f) => f.text).join(''));
  assert.equal(a.expected, b.expected);
  assert.equal(a.expected.map((e) => e.kind), [
    'undefined-subset', 'weights-not-100', 'host-not-found', 'gateway-selects-no-pod', 'schema-wrong-type',
    'strict-called-by-uninjected', 'strict-called-by-uninjected', 'uninjected-namespace',
  ]);
  assert.equal(a.services, 200);
  assert.equal(a.namespaces, 8);
  assert.is(plantAt(7), 'undefined-subset');
  assert.is(plantAt(8), undefined);
  assert.is(generateMesh(1000).expected.length, 5 * 8);
});

test('every planted resource is written where the expectation says', () => {
  const mesh = generateMesh(200);
  for (const e of mesh.expected) {
    const file = mesh.files.find((f) => f.path === e.file);
    assert.ok(file, `${e.file} exists`);
    const [kind, ref] = e.resource.split(' ');
    const name = ref.includes('/') ? ref.split('/')[1] : ref;
    assert.ok(new RegExp(`kind: ${kind}\\nmetadata:\\n  name: ${name}\\n`).test(file!.text), `${e.resource} in ${e.file}`);
  }
});

const diag = (ruleId: string, resource: string, file: string, severity: 'error' | 'warning' | 'info' = 'error', istio?: string): Diagnostic => {
  const [kind, ref] = resource.split(' ');
  const [namespace, name] = ref.split('/');
  const d = makeDiagnostic({ ruleId, severity, message: 'm', location: { file, range: { start: { line: 3, column: 5, offset: 0 }, end: { line: 3, column: 9, offset: 0 } } }, resource: { apiVersion: 'v1', kind, namespace, name } });
  if (istio) d.codes = { istio, istioAnalyzer: 'virtualservice.DestinationRuleAnalyzer' };
  return d;
};

test('findings are matched to planted errors by rule (or Istio code), resource and file', () => {
  const expected: Expected[] = [
    { kind: 'undefined-subset', rule: 'subset-not-found', istio: 'IST0101', istioAnalyzer: 'virtualservice.DestinationRuleAnalyzer', resource: 'VirtualService a/x', file: 'a/x.yaml' },
    { kind: 'weights-not-100', rule: 'vs-route-weights', resource: 'VirtualService a/y', file: 'a/y.yaml' },
    { kind: 'schema-wrong-type', rule: 'no-such-rule-yet', resource: 'Deployment a/z-v1', file: 'a/z.yaml' },
  ];
  const c = compareFindings([
    diag('some-other-id', 'VirtualService a/x', 'a/x.yaml', 'error', 'IST0101'),
    diag('vs-route-weights', 'VirtualService a/y', 'elsewhere.yaml', 'warning'),
    diag('vs-route-weights', 'VirtualService a/w', 'a/w.yaml', 'warning'),
    diag('kiali-thing', 'VirtualService a/x', 'a/x.yaml', 'info'),
  ], expected, rules, (p) => p);
  assert.equal(c.planted.map((p) => p.status), ['found', 'missed', 'pending']);
  // The finding on a/y in the wrong file does not count as found; being on a planted resource, it is secondary.
  assert.equal(c.unexpected.map((u) => `${u.rule} ${u.severity} ${u.count}`), ['vs-route-weights warning 1']);
  assert.equal(c.secondary.map((u) => u.rule), ['kiali-thing', 'vs-route-weights']);
  assert.equal(failures(c).length, 2);
  assert.match(summarize(c), /^planted 3: found 1, missed 1, pending 1 \(no-such-rule-yet\); unexpected 1; secondary 2$/);
});

test('quick mode runs end to end: planted errors found for every rule that exists, nothing unexpected', async () => {
  const r = await bench({ ...QUICK, print: false });
  assert.equal(r.failures, []);
  assert.is(r.sizes.length, 1);
  const size = r.sizes[0];
  for (const layout of LAYOUTS) {
    const m = size.lint[layout];
    assert.is(m.exitCode, 0);
    assert.is(m.resources, size.resources);
    const statuses = m.comparison.planted.map((p) => `${p.expected.rule}:${p.status}`);
    assert.ok(statuses.includes('vs-route-weights:found'), `${layout}: ${statuses.join(', ')}`);
    assert.not.ok(statuses.some((s) => s.endsWith(':missed')), `${layout}: ${statuses.join(', ')}`);
    assert.is(m.comparison.unexpected.filter((u) => u.severity !== 'info').length, 0);
  }
  const figures = r.summary.map((s) => s.split(/\s+/)[1]);
  for (const f of ['lint-ms', 'floor-js-yaml-ms', 'floor-yaml-ms', 'lint/js-yaml', 'peak-rss', 'findings', 'cold-start']) assert.ok(figures.includes(f), f);
  assert.ok(r.output.trimEnd().endsWith(r.summary.at(-1)!));
});

test.run();
