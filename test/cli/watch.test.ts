import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCommand, type LintArgs } from '../../src/cli/args.ts';
import { main, type Io } from '../../src/cli/main.ts';
import { isRelevant, watch, watchTargets } from '../../src/cli/watch.ts';
import { ROOT } from '../helpers/lint.ts';

const BROKEN = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 80
    - destination: {host: reviews, subset: v2}
      weight: -20
`;
const FIXED = BROKEN.replace('-20', '20');

/** Collects output and lets a test wait for a line; the time limit only stops a hung test and fails it. */
function recorder() {
  let text = '';
  const waiters: { re: RegExp; from: number; done: (at: number) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const m = w.re.exec(text.slice(w.from));
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done(w.from + m.index + m[0].length);
      }
    }
  };
  return {
    stream: { write: (s: string) => ((text += s), check(), true) },
    get text() {
      return text;
    },
    /** Resolves with the offset just after the next match of `re` at or after `from`. */
    waitFor(re: RegExp, from = 0): Promise<number> {
      return new Promise((done, fail) => {
        const t = setTimeout(() => fail(new Error(`no ${re} in:\n${text}`)), 30_000);
        waiters.push({ re, from, done: (at) => (clearTimeout(t), done(at)) });
        check();
      });
    },
  };
}

/** Watches `dir` (or runs the given command line) in-process, printing compact findings. */
function startWatch(dir: string, argv = ['-f', 'compact', '--no-config', dir]) {
  const out = recorder();
  const err = recorder();
  const io: Io = { stdout: out.stream, stderr: err.stream, env: {}, cwd: dir };
  const ctrl = new AbortController();
  const args = parseCommand(['--watch', ...argv]) as LintArgs;
  const finished = watch(args, io, (observe) => main(argv, { ...io, onLint: observe }), { debounceMs: 10, signal: ctrl.signal });
  const stop = () => (ctrl.abort(), finished);
  running.push(stop);
  return { out, err, stop };
}

/** Stops of watches still open: a failed test must not leave watchers that keep the process alive. */
const running: (() => Promise<number>)[] = [];

const w = suite('--watch');
let dir = '';
w.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'meshlint-watch-'));
});
w.after.each(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()));
  rmSync(dir, { recursive: true, force: true });
});

w('lints, then re-lints on change, framed by the lines a background matcher tracks', async () => {
  writeFileSync(join(dir, 'vs.yaml'), BROKEN);
  const { out, stop } = startWatch(dir);
  const first = await out.waitFor(/Found 1 problem\. Watching for file changes\.\n/);
  assert.equal(out.text.split('\n'), [
    'Starting analysis in watch mode...',
    `${join(dir, 'vs.yaml')}: line 12, col 15, Error - Negative weight -20 for reviews subset v2: Istio rejects the VirtualService (vs-route-weights)`,
    'Found 1 problem. Watching for file changes.',
    '',
  ]);

  writeFileSync(join(dir, 'vs.yaml'), FIXED);
  const begin = await out.waitFor(/File change detected\. Starting analysis\.\.\.\n/, first);
  await out.waitFor(/^Found 0 problems\. Watching for file changes\.\n/m, begin);
  assert.is(await stop(), 0);
});

w('a manifest in a new directory is picked up; exit code follows the last run', async () => {
  writeFileSync(join(dir, 'vs.yaml'), FIXED);
  const { out, stop } = startWatch(dir);
  const first = await out.waitFor(/Found 0 problems\. Watching for file changes\.\n/);
  mkdirSync(join(dir, 'sub'));
  // another service: a second `reviews` VirtualService would conflict with the first
  writeFileSync(join(dir, 'sub', 'broken.yaml'), BROKEN.replace(/reviews/g, 'ratings'));
  await out.waitFor(/sub\/broken\.yaml: line 12, col 15, Error - Negative weight -20 for ratings subset v2/, first);
  await out.waitFor(/Found 1 problem\. Watching for file changes\.\n/, first);
  assert.is(await stop(), 1);
});

w('never writes the scanned files', async () => {
  writeFileSync(join(dir, 'vs.yaml'), BROKEN);
  writeFileSync(join(dir, 'other.yaml'), FIXED);
  const before = statSync(join(dir, 'other.yaml')).mtimeMs;
  const { out, stop } = startWatch(dir);
  const first = await out.waitFor(/Watching for file changes\.\n/);
  writeFileSync(join(dir, 'vs.yaml'), FIXED);
  await out.waitFor(/Found 0 problems\. Watching/, first);
  await stop();
  assert.is(readFileSync(join(dir, 'vs.yaml'), 'utf8'), FIXED);
  assert.is(readFileSync(join(dir, 'other.yaml'), 'utf8'), FIXED);
  assert.is(statSync(join(dir, 'other.yaml')).mtimeMs, before);
});

w('a broken configuration file is reported and the watch goes on', async () => {
  writeFileSync(join(dir, 'vs.yaml'), FIXED);
  writeFileSync(join(dir, 'cfg.yaml'), 'rules: {vs-route-weights: error}\n');
  const { out, err, stop } = startWatch(dir, ['-f', 'compact', '-c', join(dir, 'cfg.yaml'), join(dir, 'vs.yaml')]);
  const first = await out.waitFor(/Found 0 problems\. Watching for file changes\.\n/);
  writeFileSync(join(dir, 'cfg.yaml'), 'rules: {no-such-rule: error}\n');
  await err.waitFor(/meshlint: .*no-such-rule/);
  await out.waitFor(/Found 0 problems\. Watching for file changes\.\n/, first);
  assert.is(await stop(), 2);
});

w('standard input cannot be watched', async () => {
  const err = recorder();
  const code = await main(['--watch', '-'], { stdout: recorder().stream, stderr: err.stream, env: {}, cwd: dir });
  assert.is(code, 2);
  assert.match(err.text, /--watch cannot read standard input/);
});

w('the CLI entry runs the watch until it is stopped', async () => {
  writeFileSync(join(dir, 'vs.yaml'), BROKEN);
  const child = spawn(process.execPath, [join(ROOT, 'bin/meshlint.js'), '--watch', '-f', 'compact', '--no-config', '.'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = recorder();
  child.stdout.setEncoding('utf8').on('data', (s: string) => out.stream.write(s));
  try {
    await out.waitFor(/^Found 1 problem\. Watching for file changes\.$/m);
    assert.match(out.text, /^Starting analysis in watch mode\.\.\.\n/);
    assert.match(out.text, /vs\.yaml: line 12, col 15, Error - Negative weight -20/);
  } finally {
    child.kill();
  }
});

w.run();

const f = suite('--watch: what is watched');

f('our own output files never trigger a run; manifests and new directories do', () => {
  const d = mkdtempSync(join(tmpdir(), 'meshlint-watch-'));
  try {
    mkdirSync(join(d, 'sub'));
    const outputs = new Set([join(d, 'report.json')]);
    const watched = new Set([join(d, 'old')]);
    const relevant = (name: string | null, only: Set<string> | null = null) => isRelevant(d, name, only, outputs, watched);
    assert.is(relevant('report.json'), false);
    assert.is(relevant('vs.yaml'), true);
    assert.is(relevant('notes.txt'), false);
    assert.is(relevant('sub'), true, 'a new directory');
    assert.is(relevant('old'), true, 'a watched directory that is gone');
    assert.is(relevant('gone.txt'), false);
    assert.is(relevant('a.yaml', new Set(['b.yaml'])), false);
    assert.is(relevant('b.yaml', new Set(['b.yaml'])), true);
    assert.is(relevant(null), true);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

f('directories are walked like the loader: .git, node_modules and --ignore-pattern are skipped', () => {
  const d = mkdtempSync(join(tmpdir(), 'meshlint-watch-'));
  try {
    for (const sub of ['mesh/a', '.git/objects', 'node_modules/x', 'vendor']) mkdirSync(join(d, sub), { recursive: true });
    const args = parseCommand(['--ignore-pattern', 'vendor', '--no-config', '--mesh-config', 'mesh-config.yaml', 'mesh', 'vendor']) as LintArgs;
    const t = watchTargets(args, d);
    assert.equal([...t.keys()].sort(), [d, join(d, 'mesh'), join(d, 'mesh/a'), join(d, 'vendor')].sort());
    assert.is(t.get(join(d, 'mesh')), null);
    // a single file is watched through its directory, limited to its name
    assert.equal(t.get(d), new Set(['mesh-config.yaml']));
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

f.run();
