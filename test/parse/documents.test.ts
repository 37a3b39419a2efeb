import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Diagnostic } from '../../src/core/index.ts';
import { parseSources } from '../../src/parse/index.ts';
import { yaml11Boolean } from '../../rules/yaml-1.1-boolean.ts';
import { lintPaths, parseText } from '../helpers/lint.ts';

/** `rule line:col` of each finding, the shape these tests compare. */
const found = (diags: readonly Diagnostic[]) => diags.map((d) => `${d.ruleId} ${d.location.range.start.line}:${d.location.range.start.column}`);
const at = (loc: { range: { start: { line: number; column: number } } }) => `${loc.range.start.line}:${loc.range.start.column}`;

// ---------------------------------------------------------------------------------------------------------
const shape = suite('parse: documents that are not Kubernetes objects');

shape('no apiVersion or no kind, with metadata: an invalid document at the document or the bad field', () => {
  const { resources, diagnostics } = parseText('apiVersion: v1\nmetadata:\n  name: a\n---\nkind: 3\napiVersion: v1\nmetadata: {}\n---\nkind: ConfigMap\nmetadata: {name: b}\n');
  assert.equal(resources, []);
  assert.equal(found(diagnostics), ['invalid-document 1:1', 'invalid-document 5:7', 'invalid-document 9:1']);
  assert.equal(diagnostics.map((d) => d.message), [
    'Document has no kind: Kubernetes cannot tell what object it is',
    'Document has a kind that is not a non-empty string: Kubernetes cannot tell what object it is',
    'Document has no apiVersion: Kubernetes cannot tell what object it is',
  ]);
});

shape('other YAML (Helm values, a Chart.yaml) is skipped with an info', () => {
  const { diagnostics } = parseText('replicaCount: 2\nimage: {tag: v1}\n---\napiVersion: v2\nname: chart\nversion: 1.0.0\n');
  assert.equal(found(diagnostics), ['not-a-manifest 1:1', 'not-a-manifest 4:1']);
  assert.ok(diagnostics.every((d) => d.severity === 'info'));
  assert.is(diagnostics[1].message, 'Document has no kind and no metadata, so it is not a Kubernetes object; skipped');
});

shape('a document that is a scalar or a list is an invalid document', () => {
  const { diagnostics } = parseText('just text\n---\n- a\n- b\n');
  assert.equal(found(diagnostics), ['invalid-document 1:1', 'invalid-document 3:1']);
});

shape.run();

// ---------------------------------------------------------------------------------------------------------
const lists = suite('parse: kind List and *List');

const LIST = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: {name: a}
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: b
- 3
---
apiVersion: v1
kind: ConfigMapList
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: c
`;

lists('each item becomes a resource located at its own lines', () => {
  const { resources } = parseText(LIST);
  assert.equal(resources.map((r) => `${r.kind}/${r.name} item ${r.itemIndex} at ${at(r.location())}`), ['Service/a item 0 at 4:3', 'ConfigMap/b item 1 at 7:3', 'ConfigMap/c item 0 at 16:5']);
  assert.equal(resources.map((r) => at(r.locate('/metadata/name'))), ['6:20', '10:11', '19:13']);
  assert.is(resources[1].locate('/metadata/name').pointer, '/metadata/name');
});

lists('an item that is not an object is reported where it is', () => {
  const { diagnostics } = parseText(LIST);
  assert.equal(found(diagnostics), ['invalid-document 11:3']);
  assert.is(diagnostics[0].message, 'Item 2 of the List has no apiVersion or kind');
});

lists.run();

// ---------------------------------------------------------------------------------------------------------
const ns = suite('parse: namespaces');

const OBJECTS = `apiVersion: v1
kind: ConfigMap
metadata: {name: defaulted}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: explicit, namespace: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader, namespace: ignored}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
`;

ns('namespaced kinds default to "default"; cluster-scoped kinds have none', () => {
  const { resources } = parseText(OBJECTS);
  assert.equal(resources.map((r) => `${r.kind} ${r.namespace || '-'} ${r.namespaceOrigin}`), [
    'ConfigMap default defaulted',
    'ConfigMap shop explicit',
    'ClusterRole - cluster',
    'Namespace - cluster',
  ]);
  assert.equal(resources[0].ref, { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'defaulted' });
});

ns('--namespace changes the default', () => {
  const { resources } = parseSources([{ path: 'x.yaml', absPath: '/x.yaml', text: OBJECTS }], { defaultNamespace: 'team-a' });
  assert.equal(resources.map((r) => r.namespace), ['team-a', 'shop', '', '']);
});

ns('objects in kube-system, kube-public, kube-node-lease and local-path-storage are skipped, and those Namespaces too', () => {
  const text = ['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage', 'apps']
    .map((n) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: ${n}}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ${n}}\n`)
    .join('---\n');
  const { resources, skipped, diagnostics } = parseText(text);
  assert.equal(diagnostics, []);
  assert.is(skipped, 8);
  assert.equal(resources.map((r) => `${r.kind}/${r.namespace}/${r.name}`), ['ConfigMap/apps/c', 'Namespace//apps']);
});

ns.run();

// ---------------------------------------------------------------------------------------------------------
const helm = suite('parse: Helm and Go templates');

helm('a template that is still valid YAML: one warning at the first {{, the document skipped', () => {
  const { resources, diagnostics } = parseText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n    app: web-{{ .Values.app }}\n');
  assert.equal(resources, []);
  assert.equal(found(diagnostics), ['helm-template 4:9']);
  assert.is(diagnostics[0].severity, 'warning');
  assert.is(diagnostics[0].fix, 'Render the chart and lint the output: helm template . | meshlint -');
});

helm('a template that breaks YAML: one warning, and the other documents are still read', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\n{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  {{- include "labels" . | nindent 4 }}\n{{- end }}\n';
  const { resources, diagnostics } = parseText(text);
  assert.equal(resources.map((r) => r.name), ['ok']);
  assert.equal(found(diagnostics), ['helm-template 5:1']);
});

helm('templates inside quoted or block scalars are data, as in Istio\'s injection template', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio-sidecar-injector\n  annotations:\n    summary: "{{ .Values.x }}"\ndata:\n  config: |\n    {{- if .Values.pilot.cni.enabled }}\n    x: {{ .Values.y }}\n';
  const { resources, diagnostics } = parseText(text);
  assert.equal(diagnostics, []);
  assert.equal(resources.map((r) => r.name), ['istio-sidecar-injector']);
});

helm('double braces that are not Helm (alert templates) do not mark the document', () => {
  const { resources, diagnostics } = parseText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alerts\ndata:\n  summary: value is {{ $value }}\n');
  assert.equal(diagnostics, []);
  assert.is(resources.length, 1);
});

helm.run();

// ---------------------------------------------------------------------------------------------------------
const files = suite('parse: checked-in fixtures');

files('a JSON file and a multi-document file with every kind of document', () => {
  // Parse findings come from the parse stage; of the rules only yaml-1.1-boolean runs (schema checks would add their own).
  const result = lintPaths(['fixtures/parse/mixed.yaml', 'fixtures/parse/configmap.json'], { rules: [yaml11Boolean] });
  assert.equal(result.resources.map((r) => `${r.file} ${r.kind}/${r.name} ${at(r.location())}`), [
    'fixtures/parse/mixed.yaml Service/reviews 3:1',
    'fixtures/parse/mixed.yaml ServiceAccount/reviews 16:1',
    'fixtures/parse/mixed.yaml ConfigMap/settings 32:1',
    'fixtures/parse/configmap.json ConfigMap/from-json 1:1',
  ]);
  assert.equal(result.diagnostics.map((d) => `${d.ruleId} ${d.location.file}:${at(d.location)}`), [
    'yaml-1.1-boolean fixtures/parse/mixed.yaml:8:13',
    'duplicate-key fixtures/parse/mixed.yaml:20:3',
    'yaml-syntax fixtures/parse/mixed.yaml:26:9',
    'not-a-manifest fixtures/parse/mixed.yaml:28:1',
  ]);
  const json = result.resources[3];
  assert.is(at(json.locate('/data/mode')), '7:20');
});

files.run();
