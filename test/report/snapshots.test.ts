import { suite } from 'uvu';
import { githubSummary, render } from '../../src/report/index.ts';
import { reportData, reportEnv, snapshot } from '../helpers/report-data.ts';

// One snapshot per format over the same fixed result (see test/helpers/report-data.ts for what it holds).
const s = suite('report snapshots');

for (const format of ['stylish', 'compact', 'json', 'sarif', 'github']) {
  s(`${format} output`, () => {
    snapshot(`expected.${format}.txt`, render(format, reportData(), reportEnv()));
  });
}

s('github job summary with repository links', () => {
  const env = reportEnv({ env: { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/mesh', GITHUB_SHA: '0123abc' } });
  snapshot('expected.github-summary.md', githubSummary(reportData(), env));
});

s('stylish output for a clean run', () => {
  snapshot('expected.stylish-clean.txt', render('stylish', reportData([]), reportEnv()));
});

s.run();
