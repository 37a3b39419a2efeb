import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers/lint.ts';

// src/policy/resources.d.ts is generated from the committed schemas/resources.schema.json; this proves the
// committed declarations are what the committed schemas produce (no upstream data needed).
const s = suite('src/policy/resources.d.ts is up to date with schemas/');

const { resourceTypes } = (await import(pathToFileURL(join(ROOT, 'schemas/types.mjs')).href)) as { resourceTypes(): string };
const generated = resourceTypes();

s('regenerating produces the committed file', () => {
  const committed = readFileSync(join(ROOT, 'src/policy/resources.d.ts'), 'utf8');
  assert.ok(committed === generated, 'run `npm run schemas:types` and commit the result');
});

s('every kind of the schema file has a type, by name and by group', () => {
  const doc = JSON.parse(readFileSync(join(ROOT, 'schemas/resources.schema.json'), 'utf8')) as { kinds: Record<string, string> };
  const keys = new Set([...generated.slice(generated.indexOf('export interface ResourceKinds')).matchAll(/^ {2}"?([^":]+)"?: /gm)].map((m) => m[1]));
  const missing: string[] = [];
  for (const key of Object.keys(doc.kinds)) {
    const [apiVersion, kind] = key.split(' ');
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : 'core';
    if (!keys.has(kind) || !keys.has(`${group}/${kind}`)) missing.push(key);
  }
  assert.equal(missing, []);
  assert.ok(Object.keys(doc.kinds).length >= 90, `${Object.keys(doc.kinds).length} kinds`);
});

s('kinds of several API groups are a union by name and exact by group', () => {
  assert.match(generated, /^ {2}Gateway: GatewayApiGateway \| IstioGateway;$/m);
  assert.match(generated, /^ {2}"networking\.istio\.io\/Gateway": IstioGateway;$/m);
  assert.match(generated, /^ {2}"core\/Pod": Pod;$/m);
  assert.match(generated, /^ {2}readonly apiVersion: "networking\.istio\.io\/v1" \| "networking\.istio\.io\/v1alpha3" \| "networking\.istio\.io\/v1beta1";\n {2}readonly kind: "VirtualService";$/m);
});

s.run();
