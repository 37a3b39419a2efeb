import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '../../src/engine/index.ts';
import { lintPaths } from '../helpers/lint.ts';

const MESH = 'fixtures/policy-sandbox/mesh.yaml';
const sandbox = suite('policy sandbox: escape attempts are contained');

// One run for all attempts: a small budget and wall-clock limit keep the bombs short.
const result = lintPaths([MESH], { policies: ['fixtures/policy-sandbox/escapes'], policyLimits: { steps: 100_000, timeoutMs: 2000 } });
const errors = new Map(result.diagnostics.filter((d) => d.ruleId === 'policy-error').map((d) => [/Policy "([^"]+)"/.exec(d.message)![1], d]));

function contained(id: string, why: RegExp) {
  sandbox(`${id} becomes a policy-error`, () => {
    const d = errors.get(id);
    assert.ok(d, `no policy-error for ${id}`);
    assert.is(`${d!.location.file}:${d!.location.range.start.line}:${d!.location.range.start.column}`, `${MESH}:1:1`);
    assert.equal(d!.resource?.name, 'reviews');
    assert.match(d!.message, why);
    assert.ok(!result.diagnostics.some((x) => x.ruleId === id && /escaped/.test(x.message)), `${id} escaped`);
  });
}

contained('escape/computed-constructor', /failed on VirtualService bookinfo\/reviews: the property "constructor" is not accessible in policies \(fixtures\/policy-sandbox\/escapes\/computed-constructor\.policy\.ts:9:15\)/);
contained('escape/proto-write', /the property "__proto__" is not accessible in policies \(.*proto-write\.policy\.ts:9:19\)/);
contained('escape/proto-spread', /the property "__proto__" is not accessible in policies/);
contained('escape/recursion-bomb', /calls nested deeper than 200 \(runaway recursion\?\)/);
contained('escape/repeat-bomb', /repeat would build a string longer than 4194304 characters/);
contained('escape/regex-bomb', /stopped after 2 s, the wall-clock limit \(a catastrophic regular expression/);
contained('escape/endless-loop', /step budget of 100000 exhausted \(an endless loop or runaway recursion\?\)/);
contained('escape/resource-write', /cannot push: resources and graph answers are read-only/);

sandbox('the other findings still print: built-in rules and the policies before and after a stopped one', () => {
  const brief = result.diagnostics.filter((d) => d.ruleId !== 'policy-error').map((d) => `${d.ruleId} ${d.location.range.start.line}:${d.location.range.start.column}`);
  assert.ok(brief.includes('escape/a-first 10:5'), brief.join('\n'));
  assert.ok(brief.includes('escape/z-last 12:5'), brief.join('\n'));
  assert.ok(brief.some((b) => b.startsWith('vs-route-weights ')), brief.join('\n'));
});

sandbox('nothing leaked into this process', () => {
  assert.is(({} as any).polluted, undefined);
  assert.is(Object.getPrototypeOf({}), Object.prototype);
  assert.equal(Object.keys(Object.prototype), []);
});

sandbox('constructs that reach the Function constructor or globals are rejected at load, with positions', () => {
  try {
    lintPaths([MESH], { policies: ['fixtures/policy-sandbox/load-errors'] });
    assert.unreachable('the policy loaded');
  } catch (e) {
    assert.instance(e, ConfigError);
    const lines = (e as Error).message.split('\n');
    assert.equal(lines, [
      'a policy file cannot be loaded:',
      '  fixtures/policy-sandbox/load-errors/function-constructor.policy.ts:9:20: the property name "constructor" is not allowed in policies (it reaches prototypes and the Function constructor)',
      '  fixtures/policy-sandbox/load-errors/function-constructor.policy.ts:9:32: the property name "constructor" is not allowed in policies (it reaches prototypes and the Function constructor)',
      '  fixtures/policy-sandbox/load-errors/function-constructor.policy.ts:10:15: "globalThis" is not available in policies; use the whitelisted built-ins (Math, JSON, Object, Array, Number, String, Set, Map)',
      '  fixtures/policy-sandbox/load-errors/function-constructor.policy.ts:11:8: the property name "__proto__" is not allowed in policies (it reaches prototypes and the Function constructor)',
    ]);
  }
});

sandbox.run();
