import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { load, policySource } from './helpers.ts';

const cache = suite('parsed policies are cached between runs');
const saved = process.env.MESHLINT_CACHE_DIR;
let dir = '';
const entries = () => {
  try {
    return readdirSync(join(dir, 'policy-ast'));
  } catch {
    return [];
  }
};

cache.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'meshlint-ast-cache-'));
  process.env.MESHLINT_CACHE_DIR = dir;
});
cache.after.each(() => {
  rmSync(dir, { recursive: true, force: true });
  if (saved === undefined) delete process.env.MESHLINT_CACHE_DIR;
  else process.env.MESHLINT_CACHE_DIR = saved;
});

const TEXT = policySource(`if (!vs.spec.http?.[0]?.timeout) ctx.report({ path: ['spec', 'http', 0], message: 'no timeout' });`);

cache('a load stores one entry per text, and a second load from it gives the same policy', async () => {
  const first = await load(TEXT);
  assert.equal(entries().length, 1);
  const second = await load(TEXT);
  assert.equal(entries().length, 1);
  assert.equal(second.problems, []);
  assert.equal(second.policies.map((p) => p.meta), first.policies.map((p) => p.meta));
  await load(TEXT.replace('no timeout', 'route without a timeout'));
  assert.equal(entries().length, 2);
});

cache('a cached tree goes through the same subset check as a fresh parse', async () => {
  await load(TEXT);
  const [entry] = entries();
  const evil = policySource(`eval('process.exit(1)');`);
  writeFileSync(join(dir, 'policy-ast', entry), JSON.stringify(parse(evil, { loc: true, range: false })));
  const { policies, problems } = await load(TEXT);
  assert.equal(policies, []);
  assert.equal(problems.map((p) => `${p.line}:${p.column} ${p.message.split(';')[0]}`), ['4:1 "eval" is not available in policies']);
});

cache('an unreadable entry is parsed again; MESHLINT_CACHE_DIR=off writes nothing', async () => {
  await load(TEXT);
  writeFileSync(join(dir, 'policy-ast', entries()[0]), '{"truncated');
  assert.equal((await load(TEXT)).problems, []);
  process.env.MESHLINT_CACHE_DIR = 'off';
  rmSync(join(dir, 'policy-ast'), { recursive: true, force: true });
  assert.equal((await load(TEXT)).problems, []);
  assert.equal(entries(), []);
});

cache.run();
