// Problem matchers against meshlint's real output: VS Code's built-in $eslint-compact, the tasks.json that
// README documents (including its background patterns for --watch), and the GitHub matcher in .github/.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCommand, type LintArgs } from '../../src/cli/args.ts';
import { main } from '../../src/cli/main.ts';
import { WATCH_BEGIN, WATCH_START, watchEnd } from '../../src/cli/watch.ts';
import { ROOT } from '../helpers/lint.ts';

// Copied from microsoft/vscode src/vs/workbench/contrib/tasks/common/problemMatcher.ts
// (ProblemPatternRegistry, 'eslint-compact': file 1, line 2, character 3, severity 4, message 5, code 6;
// ProblemMatcherRegistry '$eslint-compact': fileLocation absolute).
const VSCODE_ESLINT_COMPACT = /^(.+):\sline\s(\d+),\scol\s(\d+),\s(Error|Warning|Info)\s-\s(.+)\s\((.+)\)$/;

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - match:
    - uri: {prefix: /beta}
    route:
    - destination: {host: reviews, subset: v1}
      weight: 80
    - destination: {host: reviews, subset: v2}
      weight: -20
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 70
    - destination: {host: reviews, subset: v2}
      weight: 20
`;

/** Real `--format compact` output: an error, a warning and an info. */
async function compactLines(): Promise<{ dir: string; lines: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'meshlint-matcher-'));
  writeFileSync(join(dir, 'reviews.yaml'), VS);
  writeFileSync(join(dir, 'values.yaml'), 'replicaCount: 2\n');
  let out = '';
  const code = await main(['-f', 'compact', '--no-config', '.'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, env: {}, cwd: dir });
  assert.is(code, 1);
  return { dir, lines: out.trimEnd().split('\n') };
}

/** The same lines as meshlint prints them on Windows: a drive letter and backslashes. */
function windows(lines: string[], dir: string): string[] {
  return lines.map((l) => {
    const [file, rest] = [l.slice(0, l.indexOf(': line ')), l.slice(l.indexOf(': line '))];
    return 'C:\\Users\\dev\\mesh' + file.slice(dir.length).replace(/\//g, '\\') + rest;
  });
}

const groups = (re: RegExp, line: string) => {
  const m = re.exec(line);
  return m && { file: m[1], line: Number(m[2]), column: Number(m[3]), severity: m[4], message: m[5], code: m[6] };
};

const vscode = suite('VS Code: $eslint-compact reads the compact format');

vscode('every finding, with absolute path, position, severity, message and rule id', async () => {
  const { dir, lines } = await compactLines();
  try {
    assert.equal(lines.map((l) => groups(VSCODE_ESLINT_COMPACT, l)), [
      { file: join(dir, 'reviews.yaml'), line: 14, column: 15, severity: 'Error', message: 'Negative weight -20 for reviews subset v2: Istio rejects the VirtualService', code: 'vs-route-weights' },
      { file: join(dir, 'reviews.yaml'), line: 17, column: 15, severity: 'Warning', message: lines[1].slice(lines[1].indexOf(' - ') + 3, lines[1].lastIndexOf(' (')), code: 'vs-route-weights' },
      { file: join(dir, 'values.yaml'), line: 1, column: 1, severity: 'Info', message: lines[2].slice(lines[2].indexOf(' - ') + 3, lines[2].lastIndexOf(' (')), code: 'not-a-manifest' },
    ]);
    assert.match(lines[1], /Warning - Route weights add up to 90, not 100/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

vscode('Windows paths (drive letter, backslashes) keep the whole path in the file group', async () => {
  const { dir, lines } = await compactLines();
  try {
    const win = windows(lines, dir);
    assert.equal(win.map((l) => groups(VSCODE_ESLINT_COMPACT, l)?.file), ['C:\\Users\\dev\\mesh\\reviews.yaml', 'C:\\Users\\dev\\mesh\\reviews.yaml', 'C:\\Users\\dev\\mesh\\values.yaml']);
    assert.equal(win.map((l) => groups(VSCODE_ESLINT_COMPACT, l)?.line), [14, 17, 1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

vscode('a message with parentheses and colons still ends at the rule id', () => {
  const line = '/repo/a.yaml: line 3, col 7, Error - Host "a (b)": see (docs) (virtualservice-subset-not-found)';
  assert.equal(groups(VSCODE_ESLINT_COMPACT, line), { file: '/repo/a.yaml', line: 3, column: 7, severity: 'Error', message: 'Host "a (b)": see (docs)', code: 'virtualservice-subset-not-found' });
});

vscode.run();

/** The tasks.json block in README's VS Code section. */
function readmeTasks(): any[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### VS Code'));
  const block = /```json\n([\s\S]*?)\n```/.exec(section);
  assert.ok(block, 'README has a tasks.json block under "### VS Code"');
  return JSON.parse(block![1]).tasks;
}

const tasks = suite('VS Code: the tasks.json in README');

tasks('both tasks run the compact format through $eslint-compact, as owner and source meshlint', () => {
  const list = readmeTasks();
  assert.equal(list.map((t) => t.label), ['meshlint', 'meshlint: watch']);
  for (const t of list) {
    assert.is(t.command, 'meshlint');
    const args = parseCommand(t.args) as LintArgs;
    assert.is(args.command, 'lint');
    assert.equal(args.outputs, [{ format: 'compact' }]);
    assert.is(t.problemMatcher.base, '$eslint-compact');
    assert.is(t.problemMatcher.owner, 'meshlint');
    assert.is(t.problemMatcher.source, 'meshlint');
  }
  assert.is((parseCommand(list[1].args) as LintArgs).watch, true);
  assert.is(list[1].isBackground, true);
});

tasks('the background patterns match the lines --watch prints, and no finding line', async () => {
  const bg = readmeTasks()[1].problemMatcher.background;
  assert.is(bg.activeOnStart, true);
  const begins = new RegExp(bg.beginsPattern);
  const ends = new RegExp(bg.endsPattern);
  assert.ok(begins.test(WATCH_START) && begins.test(WATCH_BEGIN));
  for (const n of [0, 1, 2, 137]) {
    assert.ok(ends.test(watchEnd(n)), watchEnd(n));
    assert.not.ok(begins.test(watchEnd(n)));
  }
  assert.is(watchEnd(1), 'Found 1 problem. Watching for file changes.');
  const { dir, lines } = await compactLines();
  rmSync(dir, { recursive: true, force: true });
  for (const l of lines) assert.not.ok(begins.test(l) || ends.test(l), l);
});

tasks.run();

const gh = suite('GitHub: .github/meshlint-problem-matcher.json');
const matcher = JSON.parse(readFileSync(join(ROOT, '.github/meshlint-problem-matcher.json'), 'utf8')).problemMatcher[0];
const ghPattern = matcher.pattern[0];
const ghRe = new RegExp(ghPattern.regexp);

gh('owner meshlint; errors and warnings are annotated with every field, infos are left alone', async () => {
  assert.is(matcher.owner, 'meshlint');
  assert.equal({ ...ghPattern, regexp: undefined }, { regexp: undefined, file: 1, line: 2, column: 3, severity: 4, message: 5, code: 6 });
  const { dir, lines } = await compactLines();
  try {
    for (const set of [lines, windows(lines, dir)]) {
      const m = set.map((l) => ghRe.exec(l));
      assert.equal(m.map((x) => x && [x[ghPattern.severity], x[ghPattern.line], x[ghPattern.column], x[ghPattern.code]]), [['Error', '14', '15', 'vs-route-weights'], ['Warning', '17', '15', 'vs-route-weights'], null]);
      assert.ok(m[0]![ghPattern.file].endsWith('reviews.yaml'));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

gh('the npm package ships it, and README registers it where npm installs it', () => {
  const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(pack.status, 0, pack.stderr);
  const shipped = (JSON.parse(pack.stdout)[0].files as { path: string }[]).map((f) => f.path);
  assert.ok(shipped.includes('.github/meshlint-problem-matcher.json'), 'in package.json "files"');
  const registered = /echo "::add-matcher::([^"]+)"/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))?.[1];
  assert.is(registered, 'node_modules/meshlint/.github/meshlint-problem-matcher.json');
});

gh.run();
