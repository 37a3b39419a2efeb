import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { policySource, problems } from './helpers.ts';

const rejects = suite('policy subset: rejected when the policy loads');

/** Each construct, written on line 4 of the policy (the check body), with where and what is reported. */
const CASES: [string, string, string][] = [
  ['class X {}', '4:1', 'classes are not supported; use plain objects and functions'],
  ['const f = this;', '4:11', '`this` is not supported'],
  ['function* g() {}', '4:1', 'generators are not supported'],
  ['const f = async () => 1;', '4:11', 'async functions are not supported'],
  ['with (vs) {}', '4:1', '`with` is not supported'],
  ['const o = {}; delete o.x;', '4:15', '`delete` is not supported; build a new object without the key'],
  ['for (const k in vs) {}', '4:1', 'for…in is not supported; use for (const key of Object.keys(obj))'],
  ['const o = { get x() { return 1; } };', '4:13', 'getters and setters are not supported'],
  ['eval("1")', '4:1', '"eval" is not available in policies; policies cannot evaluate code'],
  ['const F = Function;', '4:11', '"Function" is not available in policies'],
  ['const p = process.env;', '4:11', '"process" is not available in policies'],
  ['const g = globalThis;', '4:11', '"globalThis" is not available in policies'],
  ['require("fs")', '4:1', '"require" is not available in policies'],
  ['import("fs")', '4:1', 'dynamic import() is not supported'],
  ['const c = ({}).constructor;', '4:16', 'the property name "constructor" is not allowed'],
  ['const p = vs["__proto__"];', '4:14', 'the property name "__proto__" is not allowed'],
  ['const p = vs[`prototype`];', '4:14', 'the property name "prototype" is not allowed'],
  ['const o = { __proto__: null };', '4:13', 'the property name "__proto__" is not allowed'],
  ['const { constructor: c } = vs;', '4:9', 'the property name "constructor" is not allowed'],
  ['var x = 1;', '4:1', '`var` is not supported; use let or const'],
  ['try { x(); } catch { }', '4:1', 'try/catch is not supported'],
  ['throw 1;', '4:1', '`throw` is not supported; report the problem with ctx.report'],
  ['const d = new Date();', '4:11', 'constructors are not available'],
  ['const b = vs instanceof Array;', '4:11', '`instanceof` is not supported'],
  ['a: for (;;) break a;', '4:1', 'labels are not supported'],
  ['const n = 1n;', '4:11', 'BigInt literals are not supported'],
  ['const t = String.raw`x`;', '4:11', 'tagged templates are not supported'],
  ['undefinedName();', '4:1', 'unknown name "undefinedName"'],
  ['const k = 1; k = 2;', '4:14', 'cannot assign to const "k"; declare it with let'],
  ['enum E { A }', '4:1', 'enums are not supported; use a const object'],
  ['const r = /(/;', '4:11', 'invalid regular expression'],
];

for (const [code, at, message] of CASES) {
  rejects(code, async () => {
    const found = await problems(policySource(code));
    assert.ok(found.some((p) => p.startsWith(`${at} `) && p.includes(message)), `expected "${at} ${message}", got ${JSON.stringify(found)}`);
  });
}

rejects('imports other than meshlint/policy', async () => {
  assert.equal(await problems(`import { readFileSync } from 'node:fs';\n${policySource('')}`), ['1:30 only "meshlint/policy" can be imported (policies cannot load other code): import { definePolicy } from \'meshlint/policy\'']);
});

rejects('types imported from meshlint/policy have no value', async () => {
  assert.equal(await problems(policySource('const x = VirtualService;').replace('{ definePolicy }', '{ definePolicy, VirtualService }')), ['4:11 "meshlint/policy" has no value "VirtualService" at run time (only definePolicy); types are imported with "import type"']);
});

rejects('syntax errors carry their position', async () => {
  assert.equal(await problems(policySource('const = 1;')), ['4:7 syntax error: Variable declaration expected.']);
});

rejects('the policy definition is validated', async () => {
  const bad = `import { definePolicy } from 'meshlint/policy';\nexport default definePolicy({ id: 'Timeouts', severity: 'fatal', kinds: [], summary: '', check: 1, extra: true });\n`;
  assert.equal(await problems(bad), [
    '2:1 unknown policy field "extra" (expected id, severity, kinds, summary, description, fix, check)',
    '2:1 policy id "Timeouts" must be "namespace/name" in lower case, e.g. "org/route-timeouts"',
    '2:1 policy Timeouts: severity must be "error", "warning" or "info"',
    "2:1 policy Timeouts: kinds must be a non-empty list of kinds, e.g. ['VirtualService']",
    '2:1 policy Timeouts: summary must be a one-line description',
    '2:1 policy Timeouts: check must be a function (resource, ctx) => void',
  ]);
});

const accepts = suite('policy subset: accepted');

accepts('the documented example loads without problems', async () => {
  const example = `import { definePolicy } from 'meshlint/policy';\nexport default definePolicy({\n  id: 'org/route-timeouts', severity: 'warning', kinds: ['VirtualService'],\n  summary: 'Every HTTP route sets a timeout',\n  check(vs, ctx) {\n    for (const [i, route] of (vs.spec.http ?? []).entries())\n      if (!route.timeout) ctx.report({ path: ['spec', 'http', i], message: \`route \${route.name ?? i} has no timeout\` });\n  },\n});\n`;
  assert.equal(await problems(example), []);
});

rejects.run();
accepts.run();
