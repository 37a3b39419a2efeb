// The policy thread: loads policies (parser and interpreter live only here), then builds its own mesh
// graph from the resources the lint parsed and runs the policies, posting findings per policy.
// The host may terminate it at any time (wall-clock limit); nothing here blocks on the host.
import { workerData, type MessagePort } from 'node:worker_threads';
import { buildGraph } from '../graph/index.ts';
import { locateFindings, runPolicy } from './evaluate.ts';
import { loadPolicyFile, type LoadedPolicy } from './load.ts';
import type { Resource } from '../core/resource.ts';
import { claim, CLAIM_CELLS, POLICY, RESOURCE, SEQ, type LoadRequest, type RawFinding, type ResourcesMessage, type RunRequest, type WorkerMessage } from './protocol.ts';
import { ResourceDecoder } from './transfer.ts';
import type { LoadProblem } from './subset.ts';
import { Views } from './views.ts';

const port = workerData.port as MessagePort;
const state = new Int32Array(workerData.state as SharedArrayBuffer);
let policies: LoadedPolicy[] = [];
let received = new ResourceDecoder();

function post(m: WorkerMessage): void {
  port.postMessage(m);
  Atomics.add(state, SEQ, 1);
  Atomics.notify(state, SEQ);
}

async function load(req: LoadRequest): Promise<void> {
  const problems: LoadProblem[] = [];
  const seen = new Map<string, string>();
  policies = [];
  for (const { file, text } of req.files) {
    const res = await loadPolicyFile(file, text, req.steps);
    problems.push(...res.problems);
    for (const p of res.policies) {
      const other = seen.get(p.meta.id);
      if (other) problems.push({ file, line: 1, column: 1, message: `policy id "${p.meta.id}" is also defined in ${other}` });
      else seen.set(p.meta.id, file);
      policies.push(p);
    }
  }
  post({ type: 'loaded', policies: policies.map((p) => p.meta), problems });
}

function run(req: RunRequest): void {
  const { resources } = received;
  received = new ResourceDecoder();
  const index = new Map(resources.map((r, i) => [r, i]));
  const graph = buildGraph(resources, req.graph);
  const indexOf = (r: Resource) => index.get(r) ?? -1;
  const views = new Views();
  const skip = new Set(req.skip);
  const hooks = { onResource: (i: number) => Atomics.store(state, RESOURCE, i) };
  const found: RawFinding[][] = [];
  for (let i = req.from; i < policies.length; i++) {
    const p = policies[i];
    if (skip.has(p.meta.id)) {
      post({ type: 'policy', index: i, findings: [], errors: [] });
      continue;
    }
    Atomics.store(state, RESOURCE, -1);
    Atomics.store(state, POLICY, i);
    Atomics.add(state, SEQ, 1);
    Atomics.notify(state, SEQ);
    const result = runPolicy(p, graph, views, req.steps, indexOf, hooks);
    found[i] = result.findings;
    post({ type: 'policy', index: i, ...result });
  }
  Atomics.store(state, POLICY, -1);
  // The policies are done: help locate the findings the host has not claimed yet.
  for (let i = req.from; i < Math.min(policies.length, CLAIM_CELLS); i++) {
    if (found[i]?.length && claim(state, i)) post({ type: 'located', index: i, findings: locateFindings(found[i], resources) });
  }
  post({ type: 'done' });
}

// Requests are handled strictly in order: a run must not start while the parser is still loading.
let queue = Promise.resolve();
port.on('message', (msg: LoadRequest | ResourcesMessage | RunRequest) => {
  queue = queue.then(async () => {
    try {
      if (msg.type === 'load') await load(msg);
      else if (msg.type === 'resources') received.add(msg.batch);
      else run(msg);
    } catch (e: any) {
      post({ type: 'crash', message: String(e?.stack ?? e) });
    }
  });
});
