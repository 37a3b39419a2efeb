import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { interactiveTerminal } from '../../src/cli/interactive.ts';
import { chooseFormat, main, type Io } from '../../src/cli/main.ts';
import { ROOT } from '../helpers/lint.ts';

const io = (env: Record<string, string> = {}, tty = { stdin: true, stdout: true }): Io => ({
  stdout: { write: () => true, isTTY: tty.stdout, columns: 80 },
  stderr: { write: () => true },
  stdinIsTTY: tty.stdin,
  env: { TERM: 'xterm-256color', ...env },
  cwd: ROOT,
});

const Choose = suite('tui: when auto opens the terminal UI');

Choose('on a terminal (stdin and stdout) with no CI and no pre-commit', () => {
  assert.is(chooseFormat('auto', io(), false), 'tui');
  assert.is(interactiveTerminal(io()), true);
});

Choose('not when either stream is not a terminal', () => {
  assert.is(chooseFormat('auto', io({}, { stdin: false, stdout: true }), false), 'stylish', 'piped input');
  assert.is(chooseFormat('auto', io({}, { stdin: true, stdout: false }), false), 'stylish', 'piped output');
});

Choose('not under CI, pre-commit (whose stdout is a pty), GitHub Actions or a dumb terminal', () => {
  assert.is(chooseFormat('auto', io({ CI: 'true' }), false), 'stylish');
  assert.is(chooseFormat('auto', io({ CONTINUOUS_INTEGRATION: '1' }), false), 'stylish');
  assert.is(chooseFormat('auto', io({ PRE_COMMIT: '1' }), false), 'stylish');
  assert.is(chooseFormat('auto', io({ GITHUB_ACTIONS: 'true' }), false), 'github');
  assert.is(chooseFormat('auto', io({ TERM: 'dumb' }), false), 'stylish');
  assert.is(chooseFormat('auto', io({ CI: 'false' }), false), 'tui', 'CI=false means no CI, as ink reads it');
});

Choose('not for files, nor in watch mode', () => {
  assert.is(chooseFormat('auto', io(), true), 'json');
  assert.is(chooseFormat('auto', io(), false, true), 'stylish');
});

Choose('--format tui needs a terminal and cannot go to a file', async () => {
  let err = '';
  const code = await main(['fixtures/demo', '--format', 'tui'], { ...io({}, { stdin: false, stdout: false }), stderr: { write: (s: string) => (err += s) } });
  assert.is(code, 2);
  assert.match(err, /--format tui needs an interactive terminal/);
  err = '';
  assert.is(await main(['fixtures/demo', '-f', 'tui', '-o', 'out.txt'], { ...io({}, { stdin: false, stdout: false }), stderr: { write: (s: string) => (err += s) } }), 2);
  assert.match(err, /cannot be written to a file/);
});

Choose.run();

const Cold = suite('tui: other formats never load ink or React');

function loadedBy(args: string[]): { status: number | null; urls: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'meshlint-loads-'));
  const log = join(dir, 'loads.txt');
  try {
    const r = spawnSync(process.execPath, ['--import', './test/tui/loads/record.mjs', ...args], { cwd: ROOT, env: { ...process.env, MESHLINT_LOAD_LOG: log }, encoding: 'utf8' });
    return { status: r.status, urls: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const uiModules = (urls: string[]) => urls.filter((u) => /node_modules\/(ink|react|react-reconciler|yoga-layout)\//.test(u) || /tui-command|\/run-[A-Z0-9]+\.js/.test(u));

Cold('a run of every other format on fixtures/demo loads no UI module', () => {
  for (const format of ['stylish', 'compact', 'json', 'sarif', 'github', 'auto']) {
    const { status, urls } = loadedBy(['bin/meshlint.js', 'fixtures/demo', '--format', format]);
    assert.is(status, 1, `${format}: exit ${status} (fixtures/demo has errors)`);
    assert.ok(urls.some((u) => u.endsWith('/dist/meshlint.js')), `${format}: the recorder saw the CLI bundle load`);
    assert.equal(uiModules(urls), [], format);
  }
});

Cold('the recorder does see ink and React when they load', () => {
  const { urls } = loadedBy(['--input-type=module', '-e', "await import('ink'); await import('react');"]);
  assert.ok(uiModules(urls).some((u) => u.includes('/node_modules/ink/')), 'ink');
  assert.ok(uiModules(urls).some((u) => u.includes('/node_modules/react/')), 'react');
});

Cold('bundles never import ink or React statically (the Action bundle has no code splitting)', () => {
  const dist = join(ROOT, 'dist');
  const bundles = existsSync(dist) ? readdirSync(dist).filter((f) => f.endsWith('.js')) : [];
  assert.ok(bundles.includes('meshlint.js'), 'npm test builds dist/ first');
  const importsUi = (f: string) => /^import .* from "(ink|react)(\/[^"]*)?";$/m.test(readFileSync(join(dist, f), 'utf8'));
  assert.equal(bundles.filter((f) => /^(meshlint|action|chunk-.*)\.js$/.test(f) && importsUi(f)), []);
  assert.ok(bundles.some((f) => f.startsWith('run-') && importsUi(f)), 'the UI chunk, loaded on demand, is where they are imported');
});

Cold.run();
