import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { listRules } from '../src/cli/rules-command.ts';
import { rules } from '../rules/index.ts';
import { ROOT } from './helpers/lint.ts';

const README = readFileSync(`${ROOT}/README.md`, 'utf8');
const readme = suite('README');

readme('the rules table is the output of `meshlint rules --format markdown`', () => {
  const m = /<!-- rules:start -->\n([\s\S]*?)<!-- rules:end -->/.exec(README);
  assert.ok(m, 'README.md has the <!-- rules:start --> and <!-- rules:end --> markers');
  assert.fixture(m![1], listRules(rules, 'markdown'), 'the README rules table is stale: run `npm run docs`');
});

readme('the quick start is two commands: lint the demo, run the tests', () => {
  const blocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((b) => b[1]);
  assert.equal(blocks.slice(0, 2), ['npm ci && node bin/meshlint.js fixtures/demo\n', 'npm ci && npm test\n']);
  assert.ok(README.indexOf('## Quick start') < README.indexOf('```'), 'the quick start holds the first code block');
});

readme('it documents every configuration key and every suppression form', () => {
  for (const key of ['rules:', 'ignore:', 'overrides:', 'suppress:', 'policies:', 'meshConfig:']) assert.ok(README.includes(`\n${key}`), `configuration key ${key}`);
  for (const form of ['meshlint-disable-next-line', 'meshlint-disable-line', 'meshlint-disable RULE', 'meshlint-enable', 'meshlint-disable-file', 'meshlint.io/ignore', 'galley.istio.io/analyze-suppress', '--suppress']) {
    assert.ok(README.includes(form), `suppression form ${form}`);
  }
});

readme.run();
