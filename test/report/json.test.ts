import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { json } from '../../src/report/json.ts';
import { reportData } from '../helpers/report-data.ts';

// The machine contract of DESIGN.md ("JSON output", version 1). Keys are checked in order; the names
// after the contract's own are additions that consumers may ignore.
const s = suite('json: DESIGN.md contract');

const out = () => JSON.parse(json(reportData()));

s('top level, tool and summary', () => {
  const o = out();
  assert.equal(Object.keys(o), ['version', 'tool', 'diagnostics', 'summary']);
  assert.is(o.version, 1);
  assert.equal(o.tool, { name: 'meshlint', version: '0.1.0' });
  assert.equal(o.summary, { errors: 1, warnings: 1, infos: 1, files: 3, resources: 3, durationMs: 42, suppressed: 1 });
});

s('a diagnostic with codes, resource, location, related and fingerprint', () => {
  const d = out().diagnostics[1];
  assert.equal(Object.keys(d), ['rule', 'severity', 'message', 'codes', 'resource', 'location', 'related', 'fix', 'fingerprint']);
  assert.equal(d.codes, { istio: 'IST0101', istioAnalyzer: 'virtualservice.DestinationRuleAnalyzer', kiali: 'KIA1107' });
  assert.equal(d.resource, { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', namespace: 'bookinfo', name: 'reviews' });
  assert.equal(d.location, { file: 'mesh/reviews/vs.yaml', line: 13, column: 17, endLine: 13, endColumn: 19, pointer: '/spec/http/0/route/0/destination/subset' });
  assert.equal(Object.keys(d.related[0]), ['message', 'location', 'resource']);
  assert.equal(d.related[0].location, { file: 'mesh/reviews/dr.yaml', line: 8, column: 3, endLine: 11, endColumn: 18, pointer: '/spec/subsets' });
  assert.match(d.fingerprint, /^[0-9a-f]{16}$/);
  assert.equal([d.rule, d.severity], ['vs-subset-not-found', 'error']);
});

s('optional members are left out, not null', () => {
  const d = out().diagnostics[0];
  assert.equal(Object.keys(d), ['rule', 'severity', 'message', 'resource', 'location', 'fingerprint']);
});

s('a clean run', () => {
  const o = JSON.parse(json(reportData([])));
  assert.equal(o.diagnostics, []);
  assert.equal([o.summary.errors, o.summary.warnings, o.summary.infos], [0, 0, 0]);
});

s.run();
