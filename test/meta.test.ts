// Project-wide rules that no single module can check: which stage may import which, and that every rule
// ships with its documentation, fixtures and tests.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Rule } from '../src/engine/index.ts';
import { rules } from '../rules/index.ts';
import { ROOT } from './helpers/lint.ts';

/**
 * What each part may import, besides itself (DESIGN.md "Pipeline", STYLE.md §3.7). The stages run left to
 * right: core ← load ← parse ← schema ← graph ← policy ← engine ← report/cli. Reporters get rule metadata
 * passed in, so they import neither the engine nor rules/; only the CLI wires rules/ in.
 */
const ALLOWED: Record<string, readonly string[]> = {
  'src/core': [],
  'src/load': ['src/core'],
  'src/parse': ['src/core', 'src/load'],
  // CRDs among the inputs are read with the generator's own reading of CRD schemas and its ajv keywords.
  'src/schema': ['src/core', 'src/load', 'src/parse', 'schemas/gen/keywords.mjs', 'schemas/gen/transform.mjs'],
  'src/graph': ['src/core', 'src/load', 'src/parse', 'src/schema'],
  'src/policy': ['src/core', 'src/load', 'src/parse', 'src/schema', 'src/graph'],
  'src/engine': ['src/core', 'src/load', 'src/parse', 'src/schema', 'src/graph', 'src/policy'],
  'src/report': ['src/core', 'src/load', 'src/parse', 'src/schema', 'src/graph'],
  'src/cli': ['src/core', 'src/load', 'src/parse', 'src/schema', 'src/graph', 'src/policy', 'src/engine', 'src/report', 'rules'],
  rules: ['src/core', 'src/engine', 'src/graph'],
};

const SOURCE = /\.(ts|tsx|mts)$/;
const SPECIFIER = /(?:\bimport|\bexport)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? files(p) : SOURCE.test(e.name) ? [p] : [];
  });
}

/** `src/<stage>`, `rules`, or the path itself for anything else. */
function partOf(abs: string): string {
  const rel = relative(ROOT, abs).split(sep);
  return rel[0] === 'src' && rel.length > 2 ? `src/${rel[1]}` : rel[0] === 'rules' ? 'rules' : rel.join('/');
}

const deps = suite('meta: dependency direction');

deps('every part imports only the parts to its left', () => {
  const bad: string[] = [];
  const sources = [...files(join(ROOT, 'src')), ...files(join(ROOT, 'rules'))];
  for (const file of sources) {
    const from = partOf(file);
    const allowed = ALLOWED[from];
    if (!allowed) {
      bad.push(`${relative(ROOT, file)}: ${from} is not in the dependency table of test/meta.test.ts (add it where DESIGN.md puts it)`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (!spec.startsWith('.')) continue; // packages
      const to = partOf(resolve(dirname(file), spec));
      if (to !== from && !allowed.includes(to)) bad.push(`${relative(ROOT, file)} imports ${spec} (${from} → ${to})`);
    }
  }
  assert.ok(sources.length > 20, 'found the sources');
  assert.equal(bad, [], 'imports against the direction of the pipeline');
});

deps.run();

// ---------------------------------------------------------------------------------------------------------
const registry = suite('meta: the rule registry');

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+(?:\.[0-9]+)*)*$/; // `yaml-1.1-boolean` keeps its version dots

registry('ids are kebab-case, unique, and listed in id order', () => {
  const ids = rules.map((r) => r.id);
  assert.equal(ids.filter((id) => !KEBAB.test(id)), [], 'ids that are not kebab-case');
  assert.equal(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'duplicate ids');
  const sorted = [...ids].sort();
  assert.equal(ids, sorted, 'rules/index.ts must list rules sorted by id');
});

registry('every rule has a one-line summary ending with a period, and a description', () => {
  const bad = rules.filter((r) => !/^[^\n]+\.$/.test(r.docs.summary ?? '') || !r.docs.description?.trim()).map((r) => r.id);
  assert.equal(bad, []);
});

/** Rules whose findings come from a pipeline stage (reading, parsing, schema) have no check of their own. */
const stageOnly = (r: Rule) => typeof r.check !== 'function';

registry('every checking rule has rules/<id>.ts, fixtures/<id>/{valid,invalid}/ and test/rules/<id>.test.ts', () => {
  const missing: string[] = [];
  for (const r of rules.filter((x) => !stageOnly(x))) {
    const need = [`rules/${r.id}.ts`, `fixtures/${r.id}/valid`, `fixtures/${r.id}/invalid`, `test/rules/${r.id}.test.ts`];
    for (const p of need) {
      const abs = join(ROOT, p);
      if (!existsSync(abs) || (statSync(abs).isDirectory() && !readdirSync(abs).length)) missing.push(p);
    }
  }
  assert.equal(missing, []);
});

registry('every stage-only rule (rules/input-rules.ts and the like) is named in some test', () => {
  const tests = files(join(ROOT, 'test')).filter((f) => !f.endsWith('meta.test.ts')).map((f) => readFileSync(f, 'utf8')).join('\n');
  const untested = rules.filter(stageOnly).filter((r) => !new RegExp(`['"\` ]${r.id.replace(/[.]/g, '\\.')}[ '"\`:]`).test(tests)).map((r) => r.id);
  assert.equal(untested, []);
});

registry('every rules/*.ts file is registered: a rule named after the file, or a set of stage-only rules', async () => {
  const registered = new Set(rules);
  const stray: string[] = [];
  for (const name of readdirSync(join(ROOT, 'rules')).filter((n) => SOURCE.test(n) && n !== 'index.ts' && !n.startsWith('_'))) {
    const mod = await import(pathToFileURL(join(ROOT, 'rules', name)).href);
    const exported = Object.values(mod).filter((v): v is Rule => !!v && typeof v === 'object' && typeof (v as Rule).id === 'string' && !!(v as Rule).docs);
    const id = name.replace(SOURCE, '');
    const ok = exported.length > 0 && exported.every((r) => registered.has(r)) && (exported.some((r) => r.id === id) || exported.every(stageOnly));
    if (!ok) stray.push(`rules/${name}`);
  }
  assert.equal(stray, [], 'rule files not in rules/index.ts, or not named after their rule');
});

registry.run();
