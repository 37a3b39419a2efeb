import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCommand, parseSize, UsageError, type LintArgs } from '../../src/cli/args.ts';
import { chooseFormat, type Io } from '../../src/cli/main.ts';
import { runCli } from '../helpers/cli.ts';
import { removeTree, tempTree } from '../helpers/tmp.ts';

const lintArgs = (argv: string[]) => parseCommand(argv) as LintArgs;

// ---------------------------------------------------------------------------------------------------------
const outputs = suite('cli: -f and -o');

outputs('each -o writes the -f before it; a -f without -o goes to stdout', () => {
  assert.equal(lintArgs(['-f', 'json', '-o', 'out.json', '-f', 'compact', '--format', 'sarif', '--output-file', 'out.sarif', '.']).outputs, [
    { format: 'json', file: 'out.json' },
    { format: 'compact' },
    { format: 'sarif', file: 'out.sarif' },
  ]);
});

outputs('no -f means auto to stdout; -o alone means auto to that file', () => {
  assert.equal(lintArgs(['.']).outputs, [{ format: 'auto' }]);
  assert.equal(lintArgs(['-o', 'report.json']).outputs, [{ format: 'auto', file: 'report.json' }]);
});

outputs('two -o for one -f is a usage error', () => {
  assert.throws(() => parseCommand(['-f', 'json', '-o', 'a', '-o', 'b']), (e: unknown) => e instanceof UsageError && /-o b: each output file needs its own --format before it/.test((e as Error).message));
});

outputs('lint is the default command and PATH defaults to .', () => {
  assert.equal(lintArgs([]).paths, ['.']);
  assert.equal(lintArgs(['lint', 'a', 'b']).paths, ['a', 'b']);
  assert.is(lintArgs(['lint']).command, 'lint');
});

outputs('files get exactly what stdout would get', async () => {
  const dir = tempTree({});
  try {
    const out = join(dir, 'r.json');
    const r = await runCli(['--no-config', '-f', 'compact', '-f', 'json', '-o', out, 'fixtures/cli/exit/error.yaml']);
    assert.is(r.code, 1);
    assert.ok(!r.stdout.includes('"version"'), 'json went to the file only');
    assert.match(r.stdout, /Error - Duplicate key/);
    const direct = await runCli(['--no-config', '-f', 'json', 'fixtures/cli/exit/error.yaml']);
    const strip = (s: string) => s.replace(/"durationMs": [\d.]+/, '');
    assert.is(strip(readFileSync(out, 'utf8')), strip(direct.stdout));
    const auto = join(dir, 'auto.out');
    await runCli(['--no-config', '-o', auto, 'fixtures/cli/exit/error.yaml']);
    assert.ok(existsSync(auto) && JSON.parse(readFileSync(auto, 'utf8')).version === 1, 'auto to a file is json');
  } finally {
    removeTree(dir);
  }
});

outputs.run();

// ---------------------------------------------------------------------------------------------------------
const auto = suite('cli: the auto format');

const io = (env: Record<string, string>, tty = false): Io => ({ stdout: { write: () => true, isTTY: tty }, stderr: { write: () => true }, stdinIsTTY: tty, env, cwd: '/' });

auto('github under GitHub Actions, stylish when not on a terminal, json into a file', () => {
  assert.is(chooseFormat('auto', io({ GITHUB_ACTIONS: 'true' }), false), 'github');
  assert.is(chooseFormat('auto', io({ GITHUB_ACTIONS: 'true', CI: 'true' }, true), false), 'github');
  assert.is(chooseFormat('auto', io({}), false), 'stylish');
  assert.is(chooseFormat('auto', io({ GITHUB_ACTIONS: 'true' }), true), 'json');
  assert.is(chooseFormat('compact', io({ GITHUB_ACTIONS: 'true' }), false), 'compact');
});

auto('end to end: GITHUB_ACTIONS=true prints workflow commands', async () => {
  const r = await runCli(['--no-config', 'fixtures/cli/exit/error.yaml'], { env: { GITHUB_ACTIONS: 'true' } });
  assert.is(r.code, 1);
  assert.match(r.stdout, /^::error file=fixtures\/cli\/exit\/error\.yaml,line=5,col=3,/m);
});

auto.run();

// ---------------------------------------------------------------------------------------------------------
const values = suite('cli: option values');

values('--max-file-size takes bytes or units', () => {
  assert.equal(['1048576', '16MiB', '16M', '512k', '512KiB', '1g', '10b'].map(parseSize), [1048576, 16777216, 16777216, 524288, 524288, 1073741824, 10]);
  assert.throws(() => parseSize('16 parsecs'), (e: unknown) => e instanceof UsageError);
});

values('repeatable options collect every value', () => {
  const a = lintArgs(['--rule', 'a=off', '--rule', 'b=error', '-S', 'x=Kind a/b', '--suppress', 'y=Kind c/d', '--ignore-pattern', 'p', '--ignore-pattern', 'q', '--context', 'ctx', '.']);
  assert.equal([a.rules, a.suppress, a.ignorePatterns, a.context], [['a=off', 'b=error'], ['x=Kind a/b', 'y=Kind c/d'], ['p', 'q'], ['ctx']]);
  const b = lintArgs(['-n', 'shop', '--stdin-filename', 'x.yaml', '--closed-world', '--no-config', '--fail-on', 'warning', '-']);
  assert.equal([b.namespace, b.stdinFilename, b.closedWorld, b.noConfig, b.failOn, b.paths], ['shop', 'x.yaml', true, true, 'warning', ['-']]);
});

values.run();
