import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Diagnostic, Severity } from '../../src/core/index.ts';
import { lint, type LintOptions, type Rule } from '../../src/engine/index.ts';
import { ROOT } from './lint.ts';

// A case is fixtures/<rule-id>/{valid,invalid}/<case>.yaml, or a directory of files for multi-file cases.
// Invalid cases mark each offending line with `# expect: <rule-id>` (comma-separated, repeat an id for two
// findings on one line) and have a snapshot, <case>.expected.txt (`<case>/expected.txt` for directories),
// holding `file:line:col severity rule {IST/KIA codes} [Kind ns/name] message` per finding (codes when the finding carries them). A missing snapshot fails the case;
// UPDATE_SNAPSHOTS=1 writes missing snapshots and rewrites changed ones (commit them with the fixture). The first line may carry `# lint-options: {json}` (LintOptions such as {"closedWorld": true});
// a directory case may hold lint-options.json instead.

const EXPECT = /#\s*expect:\s*([^#\n\r]+)/;

export interface RuleTestOptions {
  /** Other rules to run alongside (for rules whose findings only make sense with another rule's data). */
  with?: readonly Rule[];
}

export function testRule(rule: Rule, opts: RuleTestOptions = {}) {
  const dir = join(ROOT, 'fixtures', rule.id);
  const s = suite(`rule ${rule.id}`);
  const cases = (kind: 'valid' | 'invalid') => {
    const d = join(dir, kind);
    if (!existsSync(d)) return [];
    return readdirSync(d)
      .filter((n) => !n.endsWith('.expected.txt') && !n.endsWith('.json') && !n.startsWith('.'))
      .sort()
      .map((n) => join(d, n));
  };
  const invalid = cases('invalid');
  const valid = cases('valid');

  s('has valid and invalid fixtures', () => {
    assert.ok(invalid.length > 0, `fixtures/${rule.id}/invalid/ holds no case`);
    assert.ok(valid.length > 0, `fixtures/${rule.id}/valid/ holds no case`);
  });

  for (const file of invalid) {
    s(`fires: ${relative(dir, file)}`, () => {
      const diags = run(rule, file, opts);
      const expected = expectations(file, rule.id);
      assert.ok(expected.length > 0, `${relative(ROOT, file)} has no "# expect: ${rule.id}" comment`);
      const actual = diags.map((d) => `${d.location.file}:${d.location.range.start.line} ${d.ruleId}`).sort();
      assert.equal(actual, expected.sort(), `findings of ${rule.id} by line`);
      snapshot(file, diags);
    });
  }
  for (const file of valid) {
    s(`silent: ${relative(dir, file)}`, () => {
      const diags = run(rule, file, opts);
      assert.equal(diags.map(line), [], `${relative(ROOT, file)} must not report ${rule.id}`);
    });
  }
  if (rule.docs.bad) {
    s('docs: the bad example fires', () => {
      assert.ok(runText(rule, rule.docs.bad!, opts).length > 0, 'docs.bad must make the rule fire');
    });
  }
  if (rule.docs.good) {
    s('docs: the good example is silent', () => {
      assert.equal(runText(rule, rule.docs.good!, opts).map(line), []);
    });
  }
  return s;
}

/** `file:line:col severity rule {codes} [Kind ns/name] message`, the snapshot line of one finding. */
export function line(d: Diagnostic): string {
  const { line: l, column } = d.location.range.start;
  const codes = [d.codes?.istio, d.codes?.istioAnalyzer, d.codes?.kiali].filter(Boolean).join(' ');
  const res = d.resource ? ` [${d.resource.kind} ${d.resource.namespace ? d.resource.namespace + '/' : ''}${d.resource.name}]` : '';
  const rel = (d.related ?? []).map((r) => `\n    related ${r.location.file}:${r.location.range.start.line}:${r.location.range.start.column} ${r.message}`).join('');
  return `${d.location.file}:${l}:${column} ${d.severity} ${d.ruleId}${codes ? ` {${codes}}` : ''}${res} ${d.message}${rel}`;
}

function lintOptions(file: string): Partial<LintOptions> {
  const isDir = statSync(file).isDirectory();
  if (isDir) {
    const p = join(file, 'lint-options.json');
    return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : {};
  }
  const first = readFileSync(file, 'utf8').split(/\r?\n/, 1)[0];
  const m = /^#\s*lint-options:\s*(\{.*\})\s*$/.exec(first);
  return m ? JSON.parse(m[1]) : {};
}

function run(rule: Rule, file: string, opts: RuleTestOptions): Diagnostic[] {
  const extra = lintOptions(file);
  const result = lint({ cwd: ROOT, paths: [relative(ROOT, file)], rules: [rule, ...(opts.with ?? [])], ...on(rule), ...extra });
  return result.diagnostics.filter((d) => d.ruleId === rule.id);
}

/** A rule that is off by default is tested turned on, at its own severity. */
const on = (rule: Rule): { ruleLevels?: Record<string, Severity> } => (rule.defaultOff ? { ruleLevels: { [rule.id]: rule.severity } } : {});

function runText(rule: Rule, text: string, opts: RuleTestOptions): Diagnostic[] {
  const result = lint({ cwd: ROOT, paths: ['-'], stdinFilename: 'example.yaml', readStdin: () => Buffer.from(text), rules: [rule, ...(opts.with ?? [])], ...on(rule) });
  return result.diagnostics.filter((d) => d.ruleId === rule.id);
}

function expectations(file: string, id: string): string[] {
  const files = statSync(file).isDirectory() ? walk(file) : [file];
  const out: string[] = [];
  for (const f of files) {
    readFileSync(f, 'utf8').split(/\r\n|\n|\r/).forEach((text, i) => {
      const m = EXPECT.exec(text);
      if (!m) return;
      for (const entry of m[1].split(',').map((x) => x.trim()).filter(Boolean)) {
        if (entry === id) out.push(`${relative(ROOT, f)}:${i + 1} ${id}`);
      }
    });
  }
  return out;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) && e.name !== 'lint-options.json' ? [join(dir, e.name)] : []));
}

function snapshot(file: string, diags: Diagnostic[]): void {
  const path = statSync(file).isDirectory() ? join(file, 'expected.txt') : file.replace(/\.(ya?ml|json)$/, '.expected.txt');
  const text = diags.map(line).join('\n') + '\n';
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    writeFileSync(path, text);
    return;
  }
  assert.ok(existsSync(path), `snapshot ${relative(ROOT, path)} is missing (UPDATE_SNAPSHOTS=1 writes it)`);
  assert.fixture(text, readFileSync(path, 'utf8'), `snapshot ${relative(ROOT, path)} (UPDATE_SNAPSHOTS=1 rewrites it)`);
}
