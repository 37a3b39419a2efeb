// End to end: the real binary in a real terminal (tmux, 80x24), driven with keys like a person would.
// Run with UPDATE_CAPTURES=1 to rewrite the screen captures in the README's "Terminal UI" section.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers/lint.ts';

const e2e = suite('tui: the real binary in tmux');
const tmuxVersion = spawnSync('tmux', ['-V'], { encoding: 'utf8' });

if (tmuxVersion.status !== 0 && process.env.CI) {
  // .ci/run installs tmux: in CI a missing tmux is a broken setup, not a reason to skip.
  e2e('tmux is available in CI', () => assert.unreachable('the terminal UI end-to-end test cannot run: tmux is not installed'));
} else if (tmuxVersion.status !== 0) {
  process.stderr.write('SKIPPED terminal UI end-to-end test: tmux is not installed (Debian: apt-get install tmux)\n');
  e2e.skip('terminal UI in tmux (skipped: tmux is not installed)', () => {});
} else {
  const dir = mkdtempSync(join(tmpdir(), 'meshlint-tmux-'));
  // A private server: the test never touches the user's own tmux sessions.
  const socket = join(dir, 'tmux.sock');
  const tmux = (...args: string[]) => spawnSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
  const captures: Record<string, string> = {};

  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const screen = (session: string, escapes = false) => tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', session).stdout.replace(/\s+$/, '');
  const history = (session: string) => tmux('capture-pane', '-p', '-S', '-100', '-t', session).stdout;
  /** Polls the screen until `ok` holds; the deadline only keeps a broken run from hanging. */
  async function until(session: string, ok: (s: string) => boolean, what: string, deadlineMs = 20_000): Promise<string> {
    const end = Date.now() + deadlineMs;
    for (;;) {
      const s = screen(session);
      if (ok(s)) return s;
      if (Date.now() > end) assert.unreachable(`screen never showed ${what}:\n${s}`);
      await pause(20);
    }
  }
  const keys = (session: string, ...k: string[]) => tmux('send-keys', '-t', session, ...k);
  const start = (session: string, env: string, args: string) => {
    // Environment that would stop the UI from opening (or make ink print only its last frame) is removed.
    // The shell writes the exit status to a file (tmux's own pane_dead_status is not always filled in).
    const cmd = `env -u CI -u CONTINUOUS_INTEGRATION -u PRE_COMMIT -u GITHUB_ACTIONS -u FORCE_COLOR -u NO_COLOR ${env} node bin/meshlint.js ${args}; echo $? > ${join(dir, session + '.status')}`;
    const r = tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', '-c', ROOT, cmd);
    assert.is(r.status, 0, r.stderr);
    tmux('set-option', '-t', session, 'remain-on-exit', 'on');
  };
  const exitStatus = async (session: string) => {
    const file = join(dir, `${session}.status`);
    for (let i = 0; i < 1000 && !existsSync(file); i++) await pause(20);
    return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : assert.unreachable('meshlint did not exit');
  };
  const compact = spawnSync(process.execPath, ['bin/meshlint.js', 'fixtures/demo', '--format', 'compact'], { cwd: ROOT, encoding: 'utf8' });
  const findings = compact.stdout.split('\n').filter(Boolean).length;

  e2e.after(() => {
    tmux('kill-server');
    rmSync(dir, { recursive: true, force: true });
  });

  e2e('open, navigate, open a finding, filter, search, mesh view, quit with the non-interactive exit code', async () => {
    start('demo', 'NO_COLOR=1', 'fixtures/demo');
    let s = await until('demo', (x) => x.includes('Findings  '), 'the findings list');
    captures.list = s;
    assert.match(s.split('\n')[0], /^meshlint  ✖ \d+ errors?  ⚠ \d+ warnings?  ℹ \d+ infos? · 8 files · \d+ resources · \d+ ms$/);
    assert.ok(s.includes(`Findings  ${findings} finding${findings === 1 ? '' : 's'}`), s);
    assert.ok(s.split('\n').length <= 24 && s.split('\n').every((l) => l.length <= 80));
    assert.ok(!/\u001b\[(3[0-7]|9[0-7]|38;)/.test(screen('demo', true)), 'NO_COLOR: no colour codes on screen');

    const first = s.split('\n').find((l) => l.startsWith('›'));
    keys('demo', 'j');
    s = await until('demo', (x) => x.split('\n').find((l) => l.startsWith('›')) !== first, 'the selection moving down');
    keys('demo', 'Enter');
    s = await until('demo', (x) => x.includes(`Finding 2 of ${findings}`), 'the second finding');
    assert.match(s, /\n {2}> +\d+ │ .*\n +│ +\^+/, 'a code frame with carets');
    keys('demo', 'Escape');
    await until('demo', (x) => x.includes('Findings  '), 'the list again');
    // The finding the README shows: the route to a subset that no DestinationRule defines.
    keys('demo', '/', 'subset-not-found', 'Enter');
    await until('demo', (x) => / of \d+ findings? · \/subset-not-found/.test(x) && !x.includes('█'), 'the search for the rule');
    keys('demo', 'Enter');
    captures.detail = await until('demo', (x) => /Finding 1 of \d+/.test(x) && x.includes('subset-not-found'), 'the subset finding');
    keys('demo', 'G');
    captures.related = await until('demo', (x) => x.includes('Related locations'), 'the related locations');
    assert.match(captures.related, /↳ .*\n.*:\d+:\d+\n(.*│.*\n)+/, 'each related location with its own frame');
    keys('demo', 'Escape');
    await until('demo', (x) => x.includes('Findings  '), 'the list again');
    keys('demo', 'c');
    await until('demo', (x) => x.includes(`Findings  ${findings} finding`), 'the filters cleared');

    keys('demo', 'f');
    captures.filter = await until('demo', (x) => x.includes('Filter by [rule]'), 'the filter picker');
    keys('demo', 'j', 'Enter');
    s = await until('demo', (x) => / of \d+ findings · rule=/.test(x), 'the list filtered by rule');
    keys('demo', 'c', '/', 'r', 'e', 'v', 'i', 'e', 'w', 's');
    s = await until('demo', (x) => x.includes('/reviews█'), 'the search prompt');
    captures.search = s;
    keys('demo', 'Enter');
    await until('demo', (x) => !x.includes('█'), 'the search closed');

    keys('demo', 'm');
    s = await until('demo', (x) => x.includes('Mesh  '), 'the mesh view');
    captures.mesh = s;
    const hosts = s.split('\n').slice(2);
    const reviews = hosts.findIndex((l) => l.includes('reviews.bookinfo.svc.cluster.local'));
    assert.ok(reviews >= 0, s);
    for (let i = 0; i < reviews; i++) keys('demo', 'j');
    keys('demo', 'Enter');
    s = await until('demo', (x) => x.includes('Route tree') && x.split('\n')[2] === 'reviews.bookinfo.svc.cluster.local', 'the route tree of reviews');
    captures.route = s;
    assert.match(s, /subset v1/);

    keys('demo', '?');
    captures.help = await until('demo', (x) => x.includes('any key closes the help'), 'the help');
    keys('demo', 'Escape');
    await until('demo', (x) => x.includes('Route tree'), 'the route tree again');

    keys('demo', 'q');
    const status = await exitStatus('demo');
    assert.is(status, compact.status, 'the exit code of the same run without the UI');
    assert.match(history('demo'), /^meshlint  ✖ \d+ errors?/m, 'the alternate screen is gone and the summary stays in the scrollback');
  });

  e2e('live progress on a large input, then the summary; Esc quits', async () => {
    const big = join(dir, 'big');
    mkdirSync(big);
    for (let i = 0; i < 6000; i++) {
      writeFileSync(join(big, `svc${i}.yaml`), `apiVersion: v1\nkind: Service\nmetadata: {name: svc${i}, namespace: team${i % 20}}\nspec:\n  selector: {app: svc${i}}\n  ports: [{name: http, port: 8080}]\n`);
    }
    start('big', 'NO_COLOR=1', big);
    // The progress frames can pass quickly on a fast machine: the test records one when it sees it.
    const s = await until('big', (x) => x.includes('Findings  ') || x.includes('Parsing YAML…') || x.includes('Building the mesh graph…'), 'progress or the result');
    if (!s.includes('Findings  ')) captures.progress = s.replace(big, '<repo>');
    await until('big', (x) => x.includes('6000 files'), 'the summary of 6000 files');
    keys('big', 'Escape');
    assert.is(await exitStatus('big'), 0);
  });

  e2e('r re-runs after a file changes; the exit code is that of the last run', async () => {
    const copy = join(dir, 'demo');
    cpSync(join(ROOT, 'fixtures/demo'), copy, { recursive: true });
    const count = () => spawnSync(process.execPath, ['bin/meshlint.js', copy, '--format', 'compact'], { cwd: ROOT, encoding: 'utf8' });
    const before = count().stdout.split('\n').filter(Boolean).length;
    start('rerun', 'NO_COLOR=1', copy);
    await until('rerun', (x) => x.includes(`Findings  ${before} finding`), 'the first run');
    writeFileSync(join(copy, 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: bookinfo}\ndata: [unclosed\n');
    keys('rerun', 'r');
    const after = count();
    const n = after.stdout.split('\n').filter(Boolean).length;
    assert.ok(n > before, 'the broken file adds a finding');
    const s = await until('rerun', (x) => x.includes(`Findings  ${n} findings`), 'the findings of the second run');
    assert.ok(s.includes('broken.yaml'), s);
    keys('rerun', 'q');
    assert.is(await exitStatus('rerun'), after.status);
  });

  e2e('--watch: a changed file re-runs the lint in place; q quits with the exit code of the last run', async () => {
    const copy = join(dir, 'watched');
    cpSync(join(ROOT, 'fixtures/demo'), copy, { recursive: true });
    const count = () => spawnSync(process.execPath, ['bin/meshlint.js', copy, '--format', 'compact'], { cwd: ROOT, encoding: 'utf8' });
    const before = count().stdout.split('\n').filter(Boolean).length;
    start('watch', 'NO_COLOR=1', `--format tui --watch ${copy}`);
    const s = await until('watch', (x) => x.includes(`Findings  ${before} finding`), 'the first run');
    assert.not.match(s, /Watching for file changes|Starting analysis/, 'the UI, not the watch-mode text');
    writeFileSync(join(copy, 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: bookinfo}\ndata: [unclosed\n');
    const after = count();
    const n = after.stdout.split('\n').filter(Boolean).length;
    assert.ok(n > before, 'the broken file adds a finding');
    // no key pressed: the change alone brings the new findings
    assert.ok((await until('watch', (x) => x.includes(`Findings  ${n} findings`), 'the findings after the change')).includes('broken.yaml'));
    keys('watch', 'q');
    assert.is(await exitStatus('watch'), after.status);
  });

  e2e('colour unless NO_COLOR; follows a resize of the window', async () => {
    start('color', '', 'fixtures/demo');
    await until('color', (x) => x.includes('Findings  '), 'the findings list');
    assert.match(screen('color', true), /\u001b\[(3[0-7]|9[0-7]|38;)/, 'colour codes on screen');
    tmux('resize-window', '-t', 'color', '-x', '120', '-y', '30');
    const s = await until('color', (x) => x.split('\n').length === 29 && x.split('\n')[28].startsWith('↑↓ move'), 'the footer on the last row of a 120x30 window');
    assert.ok(s.split('\n').some((l) => l.length > 80), 'wider rows use the new width');
    keys('color', 'q');
    await exitStatus('color');
  });

  e2e('README shows the capture of each view, as this run saw it (UPDATE_CAPTURES=1 rewrites them)', () => {
    const views: [string, string][] = [
      ['progress', 'Live progress while a large repository loads'],
      ['list', 'Summary and findings grouped by file'],
      ['detail', 'A finding: code frame with the node highlighted, fix, the rule'],
      ['related', 'The same finding scrolled down: related locations with their own frames'],
      ['filter', 'Filter picker (rule, namespace, kind)'],
      ['search', 'Free-text search'],
      ['mesh', 'Mesh view: hosts'],
      ['route', 'Route tree of a host'],
      ['help', 'Help'],
    ];
    for (const [k] of views) if (k !== 'progress') assert.ok(captures[k], `the ${k} view was captured`);
    const readme = join(ROOT, 'README.md');
    const text = readFileSync(readme, 'utf8');
    const [open, close] = ['<!-- tui-captures:start -->', '<!-- tui-captures:end -->'];
    const a = text.indexOf(open);
    const b = text.indexOf(close);
    assert.ok(a >= 0 && b > a, 'README.md has the capture markers');
    const section = text.slice(a + open.length, b);
    const block = (title: string, screen: string) => `**${title}**\n\n\`\`\`text\n${screen.replace(/[ \t]+$/gm, '')}\n\`\`\`\n`;
    /** The screen README shows under a title, if any. */
    const shown = (title: string) => {
      const at = section.indexOf(`**${title}**\n\n\`\`\`text\n`);
      if (at < 0) return undefined;
      const from = at + `**${title}**\n\n\`\`\`text\n`.length;
      return section.slice(from, section.indexOf('\n```\n', from));
    };
    if (process.env.UPDATE_CAPTURES) {
      // Progress frames can pass too quickly to be caught: the last one caught stays.
      const body = views.map(([k, title]) => (captures[k] ?? shown(title)) !== undefined ? block(title, (captures[k] ?? shown(title))!) : '').filter(Boolean).join('\n');
      writeFileSync(readme, `${text.slice(0, a + open.length)}\n${body}${text.slice(b)}`);
      return;
    }
    // Only the run time in the header differs from one run to the next.
    const timeless = (s: string) => s.replace(/[ \t]+$/gm, '').replace(/ · [\d.]+ m?s$/gm, ' · T');
    for (const [k, title] of views) {
      assert.ok(shown(title) !== undefined, `README shows "${title}"`);
      if (k === 'progress') continue;
      assert.is(timeless(shown(title)!), timeless(captures[k]), `README's "${title}" is out of date: UPDATE_CAPTURES=1 node test/run.mjs tui/tmux rewrites it`);
    }
  });
}

e2e.run();
