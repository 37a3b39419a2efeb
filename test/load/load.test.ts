import { chmodSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { emptyConfig } from '../../src/engine/index.ts';
import { DEFAULT_MAX_FILE_SIZE, loadSources } from '../../src/load/index.ts';
import { rules } from '../../rules/index.ts';
import { lint } from '../../src/engine/index.ts';
import { brief } from '../helpers/lint.ts';
import { configMap, removeTree, tempTree } from '../helpers/tmp.ts';

const paths = (root: string, args: string[], opts: Parameters<typeof loadSources>[1] | object = {}) =>
  loadSources(args, { cwd: root, ...opts }).files.map((f) => f.path);

// ---------------------------------------------------------------------------------------------------------
const which = suite('load: which files are read');
let root = '';
which.before(() => {
  root = tempTree({
    'a.yaml': configMap('a'),
    'b.yml': configMap('b'),
    'c.json': '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}',
    'UPPER.YAML': configMap('upper'),
    'notes.txt': 'not a manifest',
    'README.md': '# readme',
    'sub/deep/d.yaml': configMap('d'),
    '.github/workflows/e.yaml': configMap('e'),
    '.git/config.yaml': configMap('git'),
    'node_modules/pkg/f.yaml': configMap('f'),
    'vendor/v.yaml': configMap('v'),
    'charts/app/templates/t.yaml': configMap('t'),
    '.meshlint.yaml': 'rules: {}\n',
    '.pre-commit-config.yaml': 'repos: []\n',
    'sub/.pre-commit-hooks.yaml': '- id: x\n',
  });
});
which.after(() => removeTree(root));

which('a directory is walked recursively, in name order, for .yaml, .yml and .json only; .git, node_modules, .meshlint.yaml and pre-commit files are skipped', () => {
  assert.equal(paths(root, ['.']), [
    '.github/workflows/e.yaml',
    'UPPER.YAML',
    'a.yaml',
    'b.yml',
    'c.json',
    'charts/app/templates/t.yaml',
    'sub/deep/d.yaml',
    'vendor/v.yaml',
  ]);
});

which('a file named on the command line is read whatever its extension', () => {
  assert.equal(paths(root, ['notes.txt', 'sub/deep/d.yaml']), ['notes.txt', 'sub/deep/d.yaml']);
});

which('a file reached twice is read once', () => {
  assert.equal(paths(root, ['a.yaml', '.', 'a.yaml']).filter((p) => p === 'a.yaml'), ['a.yaml']);
});

which('ignore globs: a bare name matches at any depth, a path matches from the cwd, ** works', () => {
  assert.equal(paths(root, ['.'], { ignore: ['vendor', 'charts/**/templates', '*.json', '.github'] }), ['UPPER.YAML', 'a.yaml', 'b.yml', 'sub/deep/d.yaml']);
  assert.equal(paths(root, ['.'], { ignore: ['./sub/'] }).includes('sub/deep/d.yaml'), false);
});

which('a directory named explicitly is walked even when it is node_modules', () => {
  assert.equal(paths(root, ['node_modules']), ['node_modules/pkg/f.yaml']);
});

which('pre-commit passing its own configuration: listed as ignored, not read (no not-a-manifest finding)', () => {
  const r = loadSources(['.pre-commit-config.yaml', 'a.yaml'], { cwd: root });
  assert.equal(r.files.map((f) => f.path), ['a.yaml']);
  assert.equal(r.ignored, ['.pre-commit-config.yaml']);
});

which('a file named explicitly but ignored is listed as ignored, not read', () => {
  const r = loadSources(['vendor/v.yaml', 'a.yaml'], { cwd: root, ignore: ['vendor'] });
  assert.equal(r.files.map((f) => f.path), ['a.yaml']);
  assert.equal(r.ignored, ['vendor/v.yaml']);
});

which('configuration ignore globs are relative to the configuration file, not the cwd', () => {
  const config = { ...emptyConfig(root), file: join(root, '.meshlint.yaml'), ignore: ['sub/deep'] };
  const fromSub = lint({ cwd: join(root, 'sub'), paths: ['.'], rules: [], config });
  assert.equal(fromSub.files.map((f) => f.path), []);
  // The same glob given as --ignore-pattern from sub/ does not match sub/deep (it means sub/sub/deep).
  const cli = lint({ cwd: join(root, 'sub'), paths: ['.'], rules: [], ignore: ['sub/deep'] });
  assert.equal(cli.files.map((f) => f.path), ['deep/d.yaml']);
});

which('paths that do not exist are listed as missing', () => {
  const r = loadSources(['nope.yaml', 'a.yaml', 'no/dir'], { cwd: root });
  assert.equal(r.missing, ['nope.yaml', 'no/dir']);
  assert.equal(r.files.map((f) => f.path), ['a.yaml']);
});

which("'-' reads standard input, named by --stdin-filename or <stdin>", () => {
  const readStdin = () => Buffer.from(configMap('piped'));
  const named = loadSources(['-'], { cwd: root, readStdin, stdinFilename: 'piped.yaml' });
  assert.equal(named.files.map((f) => [f.path, f.text]), [['piped.yaml', configMap('piped')]]);
  assert.equal(loadSources(['-'], { cwd: root, readStdin }).files[0].path, '<stdin>');
});

which.run();

// ---------------------------------------------------------------------------------------------------------
const bad = suite('load: bad files become diagnostics and the run goes on');
let broken = '';
const utf16 = (text: string, bigEndian: boolean) => {
  const body = Buffer.from(text, 'utf16le');
  if (bigEndian) body.swap16();
  return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), body]);
};
bad.before(() => {
  broken = tempTree({
    'good.yaml': configMap('good'),
    'binary.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    'latin1.yaml': Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    'utf16le.yaml': utf16(configMap('le'), false),
    'utf16be.yaml': utf16(configMap('be'), true),
    'utf16-odd.yaml': Buffer.concat([utf16('a: b\n', false), Buffer.from([0x41])]),
    'utf32.yaml': Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00]),
    'huge.yaml': '',
    'links/dangling.yaml': { symlink: 'nowhere.yaml' },
    'links/dangling-dir': { symlink: 'nowhere' },
    'links/self.yaml': { symlink: 'self.yaml' },
    'links/loop': { symlink: '..' },
  });
  truncateSync(join(broken, 'huge.yaml'), DEFAULT_MAX_FILE_SIZE + 1); // sparse: never read, only stat'ed
});
bad.after(() => removeTree(broken));

const run = (opts: object = {}) => lint({ cwd: broken, paths: ['.'], rules, ...opts });

bad('each bad file gets one diagnostic at its path; good files are still linted; a symlink loop ends', () => {
  const result = run();
  assert.equal(brief(result.diagnostics), [
    'binary-file binary.yaml:1:1',
    'file-too-large huge.yaml:1:1',
    'invalid-encoding latin1.yaml:4:12',
    'unreadable-file links/dangling.yaml:1:1',
    'unreadable-file links/self.yaml:1:1',
    'invalid-encoding utf16-odd.yaml:2:1',
    'invalid-encoding utf32.yaml:1:1',
  ]);
  assert.equal(result.resources.map((r) => r.name).sort(), ['be', 'good', 'le']);
  assert.ok(result.diagnostics.every((d) => d.severity === 'error'));
});

bad('messages say what is wrong and what to do', () => {
  const msg = (file: string) => run().diagnostics.find((d) => d.location.file === file)?.message;
  assert.is(msg('binary.yaml'), 'Binary file (it contains NUL bytes); not read as YAML');
  assert.is(msg('latin1.yaml'), 'File is not valid UTF-8 (byte 0xe9 at offset 52); save it as UTF-8');
  assert.is(msg('utf32.yaml'), 'File is UTF-32, which kubectl cannot read; save it as UTF-8');
  assert.is(msg('links/dangling.yaml'), 'Cannot read file: it is a symbolic link to a missing file');
  assert.is(msg('links/self.yaml'), 'Cannot read file: it is a symbolic link loop');
  assert.is(msg('huge.yaml'), 'File is 16777217 bytes, over the 16777216-byte limit (raise it with --max-file-size); not read');
});

bad('UTF-16 with a byte-order mark reads like UTF-8, positions included', () => {
  const r = run().resources.find((x) => x.name === 'be')!;
  const s = r.locate('/metadata/name').range.start;
  assert.equal([r.file, s.line, s.column], ['utf16be.yaml', 4, 9]);
});

bad('--max-file-size lowers the limit, for files and for standard input', () => {
  const files = lint({ cwd: broken, paths: ['good.yaml'], rules, maxFileSize: 10 });
  assert.equal(brief(files.diagnostics), ['file-too-large good.yaml:1:1']);
  assert.match(files.diagnostics[0].message, /^File is \d+ B, over the 10 B limit/);
  const stdin = lint({ cwd: broken, paths: ['-'], rules, maxFileSize: 10, readStdin: () => Buffer.from(configMap('x')) });
  assert.equal(brief(stdin.diagnostics), ['file-too-large <stdin>:1:1']);
});

bad('an unreadable file or directory is reported (skipped when permissions do not bind, as for root)', () => {
  const file = join(broken, 'locked.yaml');
  const dir = join(broken, 'locked-dir');
  writeFileSync(file, configMap('locked'));
  chmodSync(file, 0o000);
  let enforced = true;
  try {
    readFileSync(file);
    enforced = false;
  } catch {
    /* permissions apply */
  }
  if (!enforced) {
    chmodSync(file, 0o644);
    console.log('  (skipped: this user can read a mode-000 file)');
    return;
  }
  tempTreeDir(dir);
  try {
    const result = lint({ cwd: broken, paths: ['locked.yaml', 'locked-dir'], rules });
    assert.equal(brief(result.diagnostics), ['unreadable-file locked-dir:1:1', 'unreadable-file locked.yaml:1:1']);
    assert.equal(result.diagnostics.map((d) => d.message), ['Cannot read directory: permission denied', 'Cannot read file: permission denied']);
  } finally {
    chmodSync(file, 0o644);
    chmodSync(dir, 0o755);
  }
});

/** A directory holding one manifest, then made unreadable. */
function tempTreeDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'x.yaml'), configMap('x'));
  chmodSync(dir, 0o000);
}

bad.run();
