import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { MAX_RESULTS, sarifLog } from '../../src/report/sarif.ts';
import { render } from '../../src/report/index.ts';
import { at, diagnostics, many, reportData, reportEnv, VS } from '../helpers/report-data.ts';
import { sarifSchemaErrors } from '../helpers/sarif-schema.ts';
import type { RuleInfo } from '../../src/report/index.ts';

const RULE: RuleInfo = { id: 'x', severity: 'warning', category: 'correctness', summary: 'A rule.', description: 'A rule for tests.', codes: {} };
import { makeDiagnostic } from '../../src/core/diagnostic.ts';

const parse = (text: string): Log => JSON.parse(text);

const schema = suite('sarif: official 2.1.0 schema');

schema('the validator rejects an invalid level', () => {
  const log = sarifLog(reportData(), reportEnv());
  (log.runs[0].results![0] as any).level = 'critical';
  assert.equal(sarifSchemaErrors(log), ['/runs/0/results/0/level must be equal to one of the allowed values']);
});

schema('findings with related locations, infos and control characters are valid', () => {
  assert.equal(sarifSchemaErrors(parse(render('sarif', reportData(), reportEnv()))), []);
});

schema('a clean run is valid and has an empty results array', () => {
  const log = parse(render('sarif', reportData([]), reportEnv()));
  assert.equal(sarifSchemaErrors(log), []);
  assert.equal(log.runs[0].results, []);
});

schema('a capped run is valid', () => {
  const log = sarifLog(reportData([...many(3, 'info'), ...many(2, 'error')]), reportEnv(), { maxResults: 2 });
  assert.equal(sarifSchemaErrors(log), []);
});

schema('Windows paths, files outside the root and stdin give valid URIs', () => {
  const diags = [
    makeDiagnostic({ ruleId: 'vs-subset-not-found', severity: 'error', message: 'm', location: at('C:\\repo\\mesh\\a b#1.yaml', VS, 1, 1) }),
    makeDiagnostic({ ruleId: 'vs-subset-not-found', severity: 'error', message: 'm', location: at('D:\\other\\x.yaml', VS, 1, 1) }),
    makeDiagnostic({ ruleId: 'vs-subset-not-found', severity: 'error', message: 'm', location: at('<stdin>', VS, 1, 1) }),
  ];
  const log = sarifLog(reportData(diags), reportEnv({ cwd: 'C:\\repo\\mesh', root: 'C:\\repo' }));
  assert.equal(sarifSchemaErrors(log), []);
  const uris = log.runs[0].results!.map((r) => r.locations![0].physicalLocation!.artifactLocation);
  assert.equal(uris, [{ uri: 'mesh/a%20b%231.yaml', uriBaseId: '%SRCROOT%' }, { uri: 'file:///D:/other/x.yaml' }, { uri: '%3Cstdin%3E' }]);
  assert.equal(log.runs[0].originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///C:/repo/' } });
});

schema.run();

// GitHub code scanning reads a subset of SARIF and calls some optional fields required; schema validity
// alone does not catch a missing help.text or startLine.
const github = suite('sarif: what GitHub code scanning requires');

function checkRule(r: ReportingDescriptor) {
  assert.ok(r.id, 'rule id');
  assert.ok(r.name && r.name.length <= 255, `${r.id}: name`);
  assert.ok(r.shortDescription?.text && r.shortDescription.text.length <= 1024, `${r.id}: shortDescription`);
  assert.ok(r.fullDescription?.text && r.fullDescription.text.length <= 1024, `${r.id}: fullDescription`);
  assert.ok(r.help?.text, `${r.id}: help.text`);
  assert.ok(r.help?.markdown, `${r.id}: help.markdown`);
  assert.ok(['error', 'warning', 'note'].includes(r.defaultConfiguration!.level!), `${r.id}: level`);
  const p = r.properties!;
  assert.ok(Array.isArray(p.tags) && p.tags.length >= 1 && p.tags.length <= 10, `${r.id}: tags`);
  assert.ok(['very-high', 'high', 'medium', 'low'].includes(p.precision), `${r.id}: precision`);
  assert.ok(['error', 'warning', 'recommendation'].includes(p['problem.severity']), `${r.id}: problem.severity`);
  if (p.tags.includes('security')) {
    const v = Number(p['security-severity']);
    assert.type(p['security-severity'], 'string');
    assert.ok(v >= 0.1 && v <= 10, `${r.id}: security-severity ${p['security-severity']}`);
  } else {
    assert.is(p['security-severity'], undefined, `${r.id}: security-severity only on security rules`);
  }
}

function checkResult(res: Result, rules: ReportingDescriptor[]) {
  assert.is(rules[res.ruleIndex!].id, res.ruleId, 'ruleIndex points at the rule');
  assert.ok(['error', 'warning', 'note'].includes(res.level!));
  assert.ok(res.message.text, 'message.text');
  assert.is(res.message.id, undefined, 'GitHub rejects message lookups by id');
  assert.is(res.locations!.length, 1);
  const loc = res.locations![0].physicalLocation!;
  assert.ok(!/^[a-z]+:/i.test(loc.artifactLocation!.uri!), 'uri is relative to the repository root');
  assert.is(loc.artifactLocation!.uriBaseId, '%SRCROOT%');
  for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) assert.type(loc.region![k], 'number', k);
  assert.ok(res.partialFingerprints!['meshlint/v1'], 'our own fingerprint');
  assert.is(res.partialFingerprints!.primaryLocationLineHash, undefined, 'never primaryLocationLineHash');
  for (const rel of res.relatedLocations ?? []) assert.ok(res.message.text!.includes(`](${rel.id})`), `related location ${rel.id} is linked from the message`);
}

github('log, run, driver and every rule carry the fields GitHub reads', () => {
  const log = parse(render('sarif', reportData(), reportEnv()));
  assert.is(log.version, '2.1.0');
  assert.ok(log.$schema);
  assert.is(log.runs.length, 1);
  const run = log.runs[0];
  assert.equal({ name: run.tool.driver.name, semanticVersion: run.tool.driver.semanticVersion, informationUri: run.tool.driver.informationUri }, { name: 'meshlint', semanticVersion: '0.1.0', informationUri: 'https://github.com/meshlint/meshlint' });
  assert.is(run.automationDetails!.id, 'meshlint/');
  assert.is(run.columnKind, 'utf16CodeUnits');
  assert.equal(run.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  assert.equal(run.tool.driver.rules!.map((r) => r.id), ['pa-strict-without-sidecar', 'vs-host-short-name', 'vs-subset-not-found']);
  for (const r of run.tool.driver.rules!) checkRule(r);
  assert.is(run.results!.length, 3);
  for (const res of run.results!) checkResult(res, run.tool.driver.rules!);
});

github('rule help carries the fix, both examples as fenced YAML and the equivalent codes', () => {
  const rule = sarifLog(reportData(), reportEnv()).runs[0].tool.driver.rules![2];
  const md = rule.help!.markdown!;
  assert.ok(md.includes('````yaml\nkind: VirtualService\n# ``` a fence in the example\n````'), 'a fence longer than the backticks inside');
  assert.ok(md.includes('```yaml\nkind: VirtualService\n```'));
  assert.ok(md.includes('Add the subset to the DestinationRule'));
  assert.ok(md.includes('IST0101') && md.includes('KIA1107') && rule.help!.text.includes('IST0101'));
  assert.equal(rule.properties!.tags, ['correctness', 'istio', 'kubernetes', 'IST0101', 'KIA1107']);
  assert.is(rule.properties!['security-severity'], undefined);
  assert.is(sarifLog(reportData(), reportEnv()).runs[0].tool.driver.rules![0].properties!['security-severity'], '5.5');
});

github('a rule that is off by default says so in its default configuration', () => {
  const [on, off] = sarifLog(reportData(undefined, [{ ...RULE, id: 'on' }, { ...RULE, id: 'off', enabled: false }]), reportEnv()).runs[0].tool.driver.rules!;
  assert.equal(on.defaultConfiguration, { level: 'warning' });
  assert.equal(off.defaultConfiguration, { level: 'warning', enabled: false });
  assert.equal(sarifSchemaErrors(sarifLog(reportData(undefined, [{ ...RULE, id: 'off', enabled: false }]), reportEnv())), []);
});

github('a cross-file finding links its related location from the message', () => {
  const res = sarifLog(reportData(), reportEnv()).runs[0].results![1];
  assert.is(res.message.text, 'Subset "v3" is not defined in DestinationRule "bookinfo/reviews": requests to it fail with 503 (see [DestinationRule bookinfo/reviews](1))');
  assert.equal(res.relatedLocations![0], {
    id: 1,
    physicalLocation: { artifactLocation: { uri: 'mesh/reviews/dr.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 8, startColumn: 3, endLine: 11, endColumn: 18 } },
    message: { text: 'DestinationRule bookinfo/reviews defines v1' },
  });
});

github('brackets in a message are escaped so they cannot forge a link', () => {
  const d = diagnostics()[1];
  const log = sarifLog(reportData([{ ...d, message: 'Label [x](1) is odd' }]), reportEnv());
  assert.is(log.runs[0].results![0].message.text, 'Label \\[x\\](1) is odd (see [DestinationRule bookinfo/reviews](1))');
});

github('URIs are relative to the repository root, not the working directory', () => {
  const log = sarifLog(reportData(), reportEnv({ cwd: '/repo/deploy', root: '/repo' }));
  assert.is(log.runs[0].results![0].locations![0].physicalLocation!.artifactLocation!.uri, 'deploy/mesh/reviews/vs.yaml');
  assert.is(log.runs[0].originalUriBaseIds!['%SRCROOT%'].uri, 'file:///repo/');
});

github('a finding of a rule that was not passed in still gets a rule entry', () => {
  const d = makeDiagnostic({ ruleId: 'team-policy', severity: 'warning', message: 'm', location: at('a.yaml', VS, 1, 1) });
  const run = sarifLog(reportData([d]), reportEnv()).runs[0];
  assert.is(run.tool.driver.rules![run.results![0].ruleIndex!].id, 'team-policy');
  checkRule(run.tool.driver.rules![3]);
});

github('an internal error marks the invocation unsuccessful', () => {
  const d = makeDiagnostic({ ruleId: 'internal-error', severity: 'error', message: 'rule crashed', location: at('a.yaml', VS, 1, 1) });
  assert.is(sarifLog(reportData([d]), reportEnv()).runs[0].invocations![0].executionSuccessful, false);
});

github('the output is deterministic', () => {
  assert.is(render('sarif', reportData(), reportEnv()), render('sarif', reportData(), reportEnv()));
});

github.run();

const cap = suite('sarif: results cap');

cap(`keeps the ${MAX_RESULTS} most severe results of a larger run and says so`, () => {
  const diags = [...many(MAX_RESULTS, 'info', 'vs-host-short-name', 'a'), ...many(2, 'warning', 'pa-strict-without-sidecar', 'b'), ...many(3, 'error', 'vs-subset-not-found', 'c')];
  const run = sarifLog(reportData(diags), reportEnv()).runs[0];
  assert.is(run.results!.length, MAX_RESULTS);
  const levels = { error: 0, warning: 0, note: 0 } as Record<string, number>;
  for (const r of run.results!) levels[r.level!]++;
  assert.equal(levels, { error: 3, warning: 2, note: MAX_RESULTS - 5 });
  const notes = run.invocations![0].toolExecutionNotifications!;
  assert.is(notes.length, 1);
  assert.is(notes[0].level, 'warning');
  assert.match(notes[0].message.text!, `Only the 25000 most severe of ${MAX_RESULTS + 5} results are included`);
  assert.is(run.invocations![0].executionSuccessful, true);
});

cap('kept results stay in file order', () => {
  const diags = [...many(2, 'info', 'vs-host-short-name', 'a'), ...many(1, 'error', 'vs-subset-not-found', 'b'), ...many(1, 'warning', 'pa-strict-without-sidecar', 'c')];
  const run = sarifLog(reportData(diags), reportEnv(), { maxResults: 2 }).runs[0];
  assert.equal(run.results!.map((r) => r.locations![0].physicalLocation!.artifactLocation!.uri), ['b/error-000000.yaml', 'c/warning-000000.yaml']);
});

cap('a run at the limit is not capped', () => {
  const run = sarifLog(reportData(many(3, 'info')), reportEnv(), { maxResults: 3 }).runs[0];
  assert.is(run.results!.length, 3);
  assert.equal(run.invocations![0].toolExecutionNotifications, []);
});

cap.run();
