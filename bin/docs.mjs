// `npm run docs`: rewrites the rules table in README.md (between the rules:start/end markers) with the
// output of `meshlint rules --format markdown`. test/readme.test.ts fails while the table is stale.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = `${root}README.md`;
const r = spawnSync(process.execPath, [`${root}bin/meshlint.js`, 'rules', '--format', 'markdown'], { encoding: 'utf8' });
if (r.status !== 0) {
  process.stderr.write(r.stderr);
  process.exit(1);
}
const text = readFileSync(readme, 'utf8');
const start = '<!-- rules:start -->\n';
const end = '<!-- rules:end -->';
const a = text.indexOf(start);
const b = text.indexOf(end, a);
if (a < 0 || b < 0) {
  process.stderr.write('README.md has no <!-- rules:start --> … <!-- rules:end --> markers\n');
  process.exit(1);
}
const next = text.slice(0, a + start.length) + r.stdout + text.slice(b);
if (next !== text) writeFileSync(readme, next);
process.stdout.write(next === text ? 'README.md rules table is up to date\n' : 'README.md rules table rewritten\n');
