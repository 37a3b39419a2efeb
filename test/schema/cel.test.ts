import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ValidatorModule } from '../../src/schema/catalog.ts';
import { celFindings } from '../../src/schema/cel/evaluate.ts';
import { celEnvironment } from '../../src/schema/cel/library.ts';
import type { Finding } from '../../src/schema/finding.ts';
import { lintPaths, parseText, ROOT } from '../helpers/lint.ts';

const require = createRequire(import.meta.url);
const doc = (spec: string) => parseText(`apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: a}\nspec:\n${spec}`).resources[0];
const mod = (rule: string, message = 'rule failed'): ValidatorModule => ({ validate: Object.assign(() => true, { errors: null }), cel: { p: { spec: { v: [0] } } }, rules: [{ rule, message }] });

const all = suite('CEL: every rule of the generated schemas');
all('parses with the evaluator and its Kubernetes library', () => {
  const dir = join(ROOT, 'schemas/validators');
  const env = celEnvironment();
  let count = 0;
  for (const f of readdirSync(dir)) {
    const m = require(join(dir, f)) as ValidatorModule;
    for (const r of m.rules ?? []) {
      count++;
      assert.not.throws(() => env.parse(r.rule), `${f}: ${r.rule}`);
    }
  }
  assert.ok(count > 100, `only ${count} rules found`);
});
all.run();

const evalSuite = suite('CEL: evaluation');
evalSuite('a false rule is reported with its message at the node', () => {
  const out: Finding[] = [];
  celFindings(doc('  a: 1\n'), mod('has(self.b)', 'b is required'), { unsupported: new Set() }, undefined, out);
  assert.equal(out.map((f) => `${f.ruleId} ${f.pointer} ${f.message}`), ['schema-cel /spec spec: b is required']);
});
evalSuite('a rule the library cannot evaluate is reported once, as info, with its text', () => {
  const out: Finding[] = [];
  const run = { unsupported: new Set<string>() };
  const m = mod('self.noSuchFunction()');
  celFindings(doc('  a: 1\n'), m, run, undefined, out);
  celFindings(doc('  a: 2\n'), m, run, undefined, out);
  assert.equal(out.map((f) => f.ruleId), ['schema-cel-unsupported']);
  assert.match(out[0].message, /self\.noSuchFunction\(\)/);
});
evalSuite('a rule that fails on a value of the wrong type is left to the structural finding', () => {
  const out: Finding[] = [];
  const m = mod('duration(self) >= duration("1ms")');
  celFindings(doc('  a: 1\n'), { ...m, cel: { p: { spec: { p: { a: { v: [0] } } } } } }, { unsupported: new Set() }, undefined, out, new Set(['/spec/a']));
  assert.equal(out, []);
  // Without a structural finding at that node the same failure is an unsupported rule, not silence.
  celFindings(doc('  a: 1\n'), { ...m, cel: { p: { spec: { p: { a: { v: [0] } } } } } }, { unsupported: new Set() }, undefined, out);
  assert.equal(out.map((f) => `${f.ruleId} ${f.pointer}`), ['schema-cel-unsupported /spec/a']);
});
evalSuite('a timeout written as a number is one schema error, not also an unchecked CEL rule', () => {
  const diags = lintPaths(['fixtures/schema/invalid/istio-virtualservice.yaml']).diagnostics;
  assert.not.ok(diags.some((d) => d.ruleId === 'schema-cel-unsupported'), diags.filter((d) => d.ruleId === 'schema-cel-unsupported').map((d) => d.message).join('\n'));
});
evalSuite('transition rules (oldSelf) do not apply to a new object', () => {
  const out: Finding[] = [];
  celFindings(doc('  a: 1\n'), mod('self == oldSelf'), { unsupported: new Set() }, undefined, out);
  assert.equal(out, []);
});
evalSuite('Kubernetes library functions: url, isURL, isIP, format, RE2 inline flags', () => {
  const env = celEnvironment();
  const ev = (rule: string, self: unknown) => env.parse(rule)({ self });
  assert.is(ev('url(self).getScheme()', 'https://a.example.com/x'), 'https');
  assert.is(ev('isURL(self)', 'not a url'), false);
  assert.is(ev('isIP(self)', '10.0.0.1'), true);
  assert.is(ev('format.dns1123Label().validate(self) == null', 'ok-name'), true);
  assert.is(ev('self.matches(r"""^(?i)abc$""")', 'ABC'), true);
  assert.is(ev('has(self.list[0].f)', { list: [{ f: 1 }] }), true);
});
evalSuite.run();
