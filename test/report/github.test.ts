import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeDiagnostic } from '../../src/core/diagnostic.ts';
import { ANNOTATION_LIMIT, escapeData, escapeProperty, github, githubSummary } from '../../src/report/github.ts';
import { at, diagnostics, many, reportData, reportEnv, VS } from '../helpers/report-data.ts';

const commands = (out: string) => out.split('\n').filter((l) => l.startsWith('::'));

const ann = suite('github: annotations');

ann('one workflow command per finding, worst first, with a one-line range in columns', () => {
  const out = github(reportData(), reportEnv());
  assert.equal(commands(out).map((l) => l.slice(0, l.indexOf('::', 2))), [
    '::error file=mesh/reviews/vs.yaml,line=13,col=17,endLine=13,endColumn=19,title=meshlint vs-subset-not-found',
    // Columns only when the range is on one line (actions/toolkit core README).
    '::warning file=security.yaml,line=7,endLine=8,title=meshlint pa-strict-without-sidecar',
    '::notice file=mesh/reviews/vs.yaml,line=8,col=5,endLine=8,endColumn=12,title=meshlint vs-host-short-name',
  ]);
  assert.ok(out.endsWith('meshlint: 3 problems (1 error, 1 warning, 1 info) · 3 resources in 3 files\n'));
});

ann('related locations follow the message on escaped new lines', () => {
  const line = commands(github(reportData(), reportEnv()))[0];
  assert.ok(line.endsWith('::Subset "v3" is not defined in DestinationRule "bookinfo/reviews": requests to it fail with 503 [VirtualService bookinfo/reviews]%0A↳ mesh/reviews/dr.yaml:8:3 DestinationRule bookinfo/reviews defines v1'), line);
});

ann('data escapes % CR LF; properties also escape : and ,', () => {
  assert.is(escapeData('100% a\r\nb:c,d'), '100%25 a%0D%0Ab:c,d');
  assert.is(escapeProperty('100% a\r\nb:c,d'), '100%25 a%0D%0Ab%3Ac%2Cd');
  const d = makeDiagnostic({ ruleId: 'vs-subset-not-found', severity: 'error', message: 'weight 50% of "a,b"', location: at('mesh/a,b:c%.yaml', VS, 2, 1, 2, 5) });
  assert.is(commands(github(reportData([d]), reportEnv()))[0], '::error file=mesh/a%2Cb%3Ac%25.yaml,line=2,col=1,endLine=2,endColumn=5,title=meshlint vs-subset-not-found::weight 50%25 of "a,b"');
});

ann('a newline in scanned text cannot start a forged command', () => {
  const out = github(reportData(), reportEnv());
  assert.is(commands(out).length, 3);
  assert.not.match(out, '\n::error::forged');
});

ann('paths are relative to GITHUB_WORKSPACE when set, absolute outside it; stdin has no file', () => {
  const diags = [
    makeDiagnostic({ ruleId: 'vs-subset-not-found', severity: 'error', message: 'm', location: at('vs.yaml', VS, 1, 1) }),
    makeDiagnostic({ ruleId: 'vs-subset-not-found', severity: 'error', message: 'm', location: at('/elsewhere/x.yaml', VS, 1, 1) }),
    makeDiagnostic({ ruleId: 'vs-subset-not-found', severity: 'error', message: 'm', location: at('<stdin>', VS, 1, 1) }),
  ];
  const env = reportEnv({ cwd: '/w/repo/deploy', root: '/w/repo', env: { GITHUB_WORKSPACE: '/w' } });
  assert.equal(commands(github(reportData(diags), env)).map((l) => l.split(',')[0]), ['::error file=repo/deploy/vs.yaml', '::error file=/elsewhere/x.yaml', '::error line=1']);
});

ann(`at most ${ANNOTATION_LIMIT} annotations of each kind, the rest counted on one line`, () => {
  const diags = [...many(3, 'warning', 'pa-strict-without-sidecar', 'a'), ...many(15, 'info', 'vs-host-short-name', 'b'), ...many(25, 'error', 'vs-subset-not-found', 'c')];
  const out = github(reportData(diags), reportEnv());
  const kinds = commands(out).map((l) => l.slice(2, l.indexOf(' ')));
  assert.equal(kinds, [...Array(10).fill('error'), ...Array(3).fill('warning'), ...Array(10).fill('notice')]);
  assert.ok(commands(out)[0].startsWith('::error file=c/error-000000.yaml,'), 'the first error in file order comes first');
  const lines = out.trimEnd().split('\n');
  assert.is(lines.length, 25);
  assert.is(lines[23], 'meshlint: 20 more problems not annotated (GitHub shows 10 error, 10 warning and 10 notice annotations per step); see the job summary or the SARIF results');
  assert.is(lines[24], 'meshlint: 43 problems (25 errors, 3 warnings, 15 infos) · 3 resources in 3 files');
});

ann('a clean run prints one plain line and no command', () => {
  assert.is(github(reportData([]), reportEnv()), 'meshlint: no problems found · 3 resources in 3 files\n');
});

ann.run();

const sum = suite('github: job summary');
const GH = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/mesh', GITHUB_SHA: '0123abc' };

sum('a clean run says so', () => {
  assert.is(githubSummary(reportData([]), reportEnv({ env: GH })), '### meshlint\n\n✔ No problems found · 3 resources in 3 files\n');
});

sum('counts per rule, most errors first', () => {
  const diags = [...many(2, 'warning', 'pa-strict-without-sidecar', 'a'), ...many(1, 'error', 'vs-subset-not-found', 'b'), ...many(2, 'info', 'vs-host-short-name', 'c')];
  const md = githubSummary(reportData(diags), reportEnv());
  assert.ok(md.includes('| vs-subset-not-found | 1 | 0 | 0 |\n| pa-strict-without-sidecar | 0 | 2 | 0 |\n| vs-host-short-name | 0 | 0 | 2 |\n'), md);
});

sum('findings link to the line at the commit when the repository is known', () => {
  const md = githubSummary(reportData(), reportEnv({ cwd: '/repo/deploy', root: '/repo', env: GH }));
  assert.ok(md.includes('| error | [deploy/mesh/reviews/vs.yaml:13:17](https://github.com/acme/mesh/blob/0123abc/deploy/mesh/reviews/vs.yaml#L13) |'), md);
  assert.ok(md.includes('(https://github.com/acme/mesh/blob/0123abc/deploy/security.yaml#L7-L8)'), 'a multi-line range links the line span');
});

sum('without the repository variables, positions are plain text', () => {
  const md = githubSummary(reportData(), reportEnv({ env: { GITHUB_SHA: '0123abc' } }));
  assert.ok(md.includes('| error | mesh/reviews/vs.yaml:13:17 | vs-subset-not-found |'), md);
  assert.not.match(md, '](');
});

sum('Markdown in scanned text is escaped so it cannot break the table', () => {
  const d = diagnostics()[1];
  const md = githubSummary(reportData([{ ...d, message: 'a | b <img src=x> [l](http://x) `c` *d*' }]), reportEnv());
  assert.ok(md.includes('| a \\| b \\<img src=x\\> \\[l\\](http://x) \\`c\\` \\*d\\* |'), md);
});

sum('stays under GitHub\'s 1 MiB step-summary limit for a huge run', () => {
  const diags = many(10_000, 'error').map((d, i) => ({ ...d, ruleId: `policy-${i % 500}`, message: 'x'.repeat(5000) }));
  const md = githubSummary(reportData(diags), reportEnv({ env: GH }));
  assert.ok(Buffer.byteLength(md) < 1024 * 1024, `${Buffer.byteLength(md)} bytes`);
  assert.ok(md.includes('#### The 50 most severe findings'));
  assert.ok(md.includes('…and 9950 more'));
  assert.ok(md.includes('| …and 400 more rules | | | |'));
});

sum.run();
