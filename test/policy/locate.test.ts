import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildGraph } from '../../src/graph/index.ts';
import { locateFindings, runPolicy, toDiagnostics } from '../../src/policy/evaluate.ts';
import { Views } from '../../src/policy/views.ts';
import { parseText } from '../helpers/lint.ts';
import { load, policySource, VS } from './helpers.ts';

const locate = suite('policy findings are located by the worker or by the host, with the same result');

locate('findings located in the worker and findings the host locates become the same diagnostics', async () => {
  const body = `ctx.report({ path: ['spec', 'http', 0, 'name'], message: 'node', related: [{ resource: vs, path: ['spec', 'hosts', 0], message: 'host' }] });
ctx.report({ path: ['spec', 'http', 0, 'name'], key: true, message: 'key' });
ctx.report({ path: ['spec', 'http', 0, 'timeout'], message: 'missing field: its closest parent' });
ctx.report({ message: 'whole resource' });`;
  const { policies } = await load(policySource(body));
  const { resources } = parseText(`---\n# leading comment\n${VS}`);
  const graph = buildGraph(resources);
  const indexOf = (r: unknown) => resources.indexOf(r as never);
  const raw = runPolicy(policies[0], graph, new Views(), 1_000_000, indexOf);
  assert.ok(raw.findings.every((f) => f.location === undefined && f.related.every((r) => r.location === undefined)));
  const again = runPolicy(policies[0], graph, new Views(), 1_000_000, indexOf);
  const located = { ...again, findings: locateFindings(again.findings, resources) };
  assert.ok(located.findings.every((f) => f.location !== undefined && f.related.every((r) => r.location !== undefined)));
  const at = (list: ReturnType<typeof toDiagnostics>) => list.map((d) => `${d.location.range.start.line}:${d.location.range.start.column}-${d.location.range.end.line}:${d.location.range.end.column} ${d.message} ${d.related?.map((r) => `${r.location.range.start.line}:${r.location.range.start.column}`).join(',') ?? ''}`);
  const fromWorker = at(toDiagnostics(policies[0].meta, located, resources));
  assert.equal(at(toDiagnostics(policies[0].meta, raw, resources)), fromWorker);
  assert.equal(fromWorker, ['12:11-12:12 node 10:5', '12:5-12:9 key ', '12:5-12:12 missing field: its closest parent ', '3:1-3:35 whole resource ']);
});

locate.run();
