import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Diagnostic } from '../../src/core/index.ts';
import { lint } from '../../src/engine/index.ts';
import { deprecatedApi, removedApi, schema, schemaCel, schemaIstio, unknownKind } from '../../rules/schema-rules.ts';
import { yaml11Boolean } from '../../rules/yaml-1.1-boolean.ts';
import { displayPath } from '../../src/schema/finding.ts';
import { ROOT } from '../helpers/lint.ts';

function run(text: string, rules = [schema]): Diagnostic[] {
  return lint({ cwd: ROOT, paths: ['-'], stdinFilename: 'in.yaml', readStdin: () => Buffer.from(text), rules }).diagnostics;
}
const at = (d: Diagnostic) => `${d.location.range.start.line}:${d.location.range.start.column} ${d.message}`;

const paths = suite('schema: display paths');
paths('pointers read as field paths, odd keys quoted', () => {
  assert.is(displayPath('/spec/http/0/route/1/weight'), 'spec.http[0].route[1].weight');
  assert.is(displayPath('/metadata/labels/app.kubernetes.io~1name'), 'metadata.labels["app.kubernetes.io/name"]');
  assert.is(displayPath(''), '(document)');
});
paths.run();

const merge = suite('schema: one finding per node, in words');
merge('a type error names the expected and the actual value', () => {
  const d = run('apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: a}\nspec:\n  hosts: [a]\n  http:\n  - route:\n    - destination: {host: a}\n      weight: "50"\n');
  assert.equal(d.map(at), ['9:15 spec.http[0].route[0].weight: expected integer, got string "50"']);
  assert.equal(d[0].codes, { istio: 'IST0106', istioAnalyzer: 'schema.ValidationAnalyzer.VirtualService' });
});
merge('Kubernetes kinds carry no istioctl code', () => {
  const d = run('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  n: 3\n');
  assert.equal(d.map(at), ['5:6 data.n: expected string, got number 3']);
  assert.is(d[0].codes, undefined);
});
merge('many unknown fields under one object become one finding at its key', () => {
  const d = run('apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  a: 1\n  b: 1\n  c: 1\n  d: 1\n  e: 1\n  f: 1\n');
  assert.equal(d.map(at), ['4:1 spec: unknown fields "a", "b", "c", "d", "e" or "f": the API server rejects them (is the apiVersion or kind right?)']);
});
merge('a misspelt required field is one finding with a suggestion, not two', () => {
  const d = run('apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports:\n  - prot: 80\n');
  assert.equal(d.map(at), ['6:5 spec.ports[0].prot: unknown field "prot"; did you mean "port"?']);
});
merge('an unquoted YAML 1.1 boolean where a string is expected says why', () => {
  const d = run('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  debug: yes\n');
  assert.equal(d.map(at), ['5:10 data.debug: expected string, got boolean true (unquoted yes is a YAML 1.1 boolean; quote it)']);
});
merge('a document full of errors is capped', () => {
  const items = Array.from({ length: 30 }, (_, i) => `  - {name: p${i}, port: "x"}`).join('\n');
  const d = run(`apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports:\n${items}\n`);
  assert.is(d.length, 26);
  assert.ok(d.some((x) => /\d+ more schema problems in this document are not shown/.test(x.message)));
});
merge.run();

const stage = suite('schema stage');
stage('does nothing when no schema rule is enabled', () => {
  assert.equal(run('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  n: 3\n', [yaml11Boolean]), []);
});
stage('Gateway API: an experimental-channel field is a warning, not an error', () => {
  const d = run('apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: a}\nspec:\n  parentRefs: [{name: g}]\n  rules:\n  - name: r\n    sessionPersistence: {sessionName: s}\n    backendRefs: [{name: s, port: 80}]\n');
  assert.equal(d.map((x) => `${x.severity} ${x.location.range.start.line}`), ['warning 8']);
  assert.match(d[0].message, /experimental-channel/);
});
stage('the schema tells yaml-1.1-boolean which fields are strings', () => {
  const d = run('apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: a}\nspec:\n  hosts: [on]\n  http:\n  - route:\n    - destination: {host: a}\n', [schema, yaml11Boolean]);
  assert.equal(d.map((x) => `${x.ruleId} ${x.location.range.start.line}:${x.location.range.start.column}`), ['schema 5:11', 'yaml-1.1-boolean 5:11']);
});
stage('every schema-family rule can be switched off on its own', () => {
  const text = 'apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata: {name: a}\nspec:\n  hosts: ["*"]\n  http:\n  - timeout: 0s\n    route:\n    - destination: {host: a}\n';
  const all = run(text, [schema, schemaCel, schemaIstio, deprecatedApi, removedApi, unknownKind]);
  assert.equal([...new Set(all.map((d) => d.ruleId))].sort(), ['deprecated-api', 'schema-cel', 'schema-istio']);
  assert.equal(run(text, [schemaCel]).map((d) => d.ruleId), ['schema-cel']);
});
stage('API versions: removed, deprecated and unknown kinds each have their rule', () => {
  const text = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: a}\n---\napiVersion: networking.istio.io/v1\nkind: VirtualSerivce\nmetadata: {name: b}\n';
  const d = run(text, [removedApi, unknownKind, deprecatedApi]);
  assert.equal(d.map((x) => `${x.ruleId} ${x.location.range.start.line}:${x.location.range.start.column}`), ['removed-api 1:13', 'unknown-kind 6:7']);
});
stage.run();
