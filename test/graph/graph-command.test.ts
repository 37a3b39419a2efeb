import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../src/cli/main.ts';
import { ROOT } from '../helpers/lint.ts';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, env: {}, cwd: ROOT };
  const code = await main(['graph', ...args], io);
  return { code, out, err };
}

const s = suite('meshlint graph');

s('json: routes, subsets, workloads and the missing subset', async () => {
  const { code, out } = await run(['fixtures/demo', '--format', 'json']);
  assert.is(code, 0);
  const view = JSON.parse(out);
  assert.is(view.version, 1);
  const edge = (from: string, to: string) => view.edges.find((e: any) => e.from === from && e.to === to);
  assert.ok(edge('VirtualService:bookinfo/reviews', 'Subset:bookinfo/reviews/v1'));
  assert.ok(edge('Subset:bookinfo/reviews/v1', 'Deployment:bookinfo/reviews-v1'));
  assert.ok(edge('VirtualService:bookinfo/bookinfo', 'Gateway:bookinfo/bookinfo-gateway'));
  assert.ok(edge('Gateway:bookinfo/bookinfo-gateway', 'Pod:istio-system/istio-ingressgateway-dummypod'));
  const missing = view.nodes.find((n: any) => n.state === 'missing');
  assert.equal(missing, { id: 'missing:destination-subset:bookinfo/v3', kind: 'destination-subset', label: 'subset v3 (missing)', namespace: 'bookinfo', state: 'missing' });
  assert.equal(view.nodes.find((n: any) => n.id === 'Service:bookinfo/reviews'), { id: 'Service:bookinfo/reviews', kind: 'Service', label: 'Service bookinfo/reviews', namespace: 'bookinfo', file: 'fixtures/demo/reviews.yaml', line: 1 });
  assert.ok(view.nodes.find((n: any) => n.id === 'Pod:istio-system/istio-ingressgateway-dummypod').synthetic);
});

s('dot draws missing targets red and dashed, one cluster per namespace', async () => {
  const { code, out } = await run(['fixtures/demo']);
  assert.is(code, 0);
  assert.match(out, /^digraph mesh \{/);
  assert.match(out, /subgraph cluster_\d+ \{\n {4}label="namespace bookinfo";/);
  assert.match(out, /"missing:destination-subset:bookinfo\/v3" \[label="subset v3 \(missing\)", shape=note, color=red, fontcolor=red, style=dashed\];/);
  assert.match(out, /"VirtualService:bookinfo\/reviews" -> "missing:destination-subset:bookinfo\/v3" \[label="destination-subset", color=red, style=dashed\];/);
});

s('mermaid marks missing targets with a class', async () => {
  const { out } = await run(['fixtures/demo', '-f', 'mermaid']);
  assert.match(out, /^flowchart LR\n/);
  assert.match(out, /\["subset v3 \(missing\)"\]:::missing/);
  assert.match(out, /-\.->\|destination-subset\|/);
});

s('usage errors exit 2', async () => {
  assert.is((await run(['fixtures/demo', '--format', 'png'])).code, 2);
  assert.is((await run(['fixtures/demo', '--bogus'])).code, 2);
  const absent = await run(['fixtures/absent']);
  assert.is(absent.code, 2);
  assert.match(absent.err, /no such file or directory/);
});

s.run();
