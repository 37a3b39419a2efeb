import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCases } from '../../src/cli/policy-command.ts';
import { PolicyHost, policyFilesIn, readPolicySources } from '../../src/policy/index.ts';
import { ROOT } from '../helpers/lint.ts';

const DIR = join(ROOT, 'fixtures/policies');
const examples = suite('example policies (fixtures/policies)');

const host = new PolicyHost(readPolicySources(policyFilesIn(DIR), ROOT));
const { policies, problems } = host.load();
const ids = new Set(policies.map((p) => p.id));
const results = runCases(DIR, ROOT, host, ids);
host.close();

examples('ten policies load without problems', () => {
  assert.equal(problems, []);
  assert.is(policies.length, 10);
});

for (const r of results) {
  examples(`case ${r.file.replace('fixtures/policies/cases/', '')}`, () => {
    const detail = [...r.missing.map((m) => `missing ${m}`), ...r.unexpected.map((d) => `unexpected ${d.location.range.start.line} ${d.ruleId} ${d.message}`)];
    assert.ok(r.passed, detail.join('\n'));
  });
}

examples('every policy has an invalid case that expects it and a valid case', () => {
  const cases = join(DIR, 'cases');
  for (const p of policies) {
    const name = p.id.replace('org/', '');
    const files = readdirSync(join(cases, name));
    assert.ok(files.includes('invalid.yaml') && files.includes('valid.yaml'), `${name}: ${files}`);
    const invalid = results.find((r) => r.file === `fixtures/policies/cases/${name}/invalid.yaml`)!;
    assert.ok(invalid.expects.includes(p.id) && invalid.findings > 0, `${name}/invalid.yaml expects no ${p.id}`);
  }
});

examples.run();
