import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeDiagnostic } from '../../src/core/diagnostic.ts';
import { compact } from '../../src/report/compact.ts';
import { at, reportData, reportEnv, VS } from '../helpers/report-data.ts';

// VS Code's built-in `$eslint-compact` problem pattern, copied from microsoft/vscode
// src/vs/workbench/contrib/tasks/common/problemMatcher.ts (ProblemPatternRegistry, 'eslint-compact'):
// groups file 1, line 2, column 3, severity 4, message 5, code 6; fileLocation is absolute.
const ESLINT_COMPACT = /^(.+):\sline\s(\d+),\scol\s(\d+),\s(Error|Warning|Info)\s-\s(.+)\s\((.+)\)$/;

function matches(out: string) {
  return out.trimEnd().split('\n').map((line) => {
    const m = ESLINT_COMPACT.exec(line);
    assert.ok(m, `$eslint-compact does not match: ${line}`);
    return { file: m[1], line: Number(m[2]), column: Number(m[3]), severity: m[4], message: m[5], code: m[6] };
  });
}

const s = suite('compact: VS Code $eslint-compact problem matcher');

s('every line matches, with absolute paths, exact positions and the rule as code', () => {
  const found = matches(compact(reportData(), reportEnv()));
  assert.equal(found.map(({ message, ...rest }) => rest), [
    { file: '/repo/mesh/reviews/vs.yaml', line: 8, column: 5, severity: 'Info', code: 'vs-host-short-name' },
    { file: '/repo/mesh/reviews/vs.yaml', line: 13, column: 17, severity: 'Error', code: 'vs-subset-not-found' },
    { file: '/repo/security.yaml', line: 7, column: 3, severity: 'Warning', code: 'pa-strict-without-sidecar' },
  ]);
  assert.is(found[1].message, 'Subset "v3" is not defined in DestinationRule "bookinfo/reviews": requests to it fail with 503');
});

s('a message with parentheses keeps the rule as the code', () => {
  const d = makeDiagnostic({ ruleId: 'vs-route-weights', severity: 'warning', message: 'Weights sum to 90 (not 100): Istio scales them (effective 55/45)', location: at('mesh/vs.yaml', VS, 3, 9) });
  const [m] = matches(compact(reportData([d]), reportEnv()));
  assert.equal([m.message, m.code], ['Weights sum to 90 (not 100): Istio scales them (effective 55/45)', 'vs-route-weights']);
});

s('Windows paths: absolute as given, relative ones resolved against a Windows cwd', () => {
  const diags = [
    makeDiagnostic({ ruleId: 'vs-subset-not-found', severity: 'error', message: 'Subset "v3" is not defined', location: at('C:\\repo\\mesh\\vs.yaml', VS, 13, 17) }),
    makeDiagnostic({ ruleId: 'vs-subset-not-found', severity: 'error', message: 'Subset "v4" is not defined', location: at('mesh/dr.yaml', VS, 2, 1) }),
  ];
  const found = matches(compact(reportData(diags), reportEnv({ cwd: 'C:\\repo', root: 'C:\\repo' })));
  assert.equal(found.map((f) => [f.file, f.line, f.column]), [['C:\\repo\\mesh\\vs.yaml', 13, 17], ['C:\\repo\\mesh\\dr.yaml', 2, 1]]);
});

s('a newline in a message stays on one line', () => {
  const out = compact(reportData(), reportEnv());
  assert.is(out.trimEnd().split('\n').length, 3);
});

s('a clean run prints nothing', () => {
  assert.is(compact(reportData([]), reportEnv()), '');
});

s.run();
