// The lint thread's side of the sandbox. Policies run in a worker thread; the lint stays synchronous by
// waiting on a shared counter (Atomics.wait) and reading messages with receiveMessageOnPort. A policy
// that exceeds its wall-clock limit (a catastrophic regular expression cannot be interrupted otherwise)
// is stopped by terminating the worker; a fresh worker then runs the policies after it.
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { Resource } from '../core/resource.ts';
import type { Diagnostic } from '../core/types.ts';
import { startWorker } from '../core/worker.ts';
import type { MeshGraph } from '../graph/index.ts';
import { matching, policyError, toDiagnostics } from './evaluate.ts';
import type { PolicyMeta } from './load.ts';
import { claim, CLAIM_CELLS, CLAIMS, DEFAULT_LIMITS, POLICY, RESOURCE, SEQ, type PolicyLimits, type RawError, type RawFinding, type ResourcesMessage, type RunRequest, type WorkerMessage } from './protocol.ts';
import { ResourceEncoder, type EncodedBatch } from './transfer.ts';
import type { LoadProblem } from './subset.ts';

/** Loading the parser and the policies, or parsing the manifests, should never take this long. */
const SETUP_MS = 120_000;

export interface PolicySource {
  /** Display path. */
  file: string;
  text: string;
}

export type RunInput = Omit<RunRequest, 'type' | 'steps' | 'from'>;

export class PolicyHost {
  readonly limits: PolicyLimits;
  private worker!: Worker;
  private port!: MessagePort;
  private state!: Int32Array;
  private loaded?: { policies: PolicyMeta[]; problems: LoadProblem[] };
  private run?: RunInput;
  /** This run's resources as sent (a restarted worker is sent them again). */
  private batches: EncodedBatch[] = [];
  private encoder = new ResourceEncoder();

  constructor(private readonly sources: readonly PolicySource[], limits: Partial<PolicyLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.spawn();
  }

  private spawn(): void {
    const { port1, port2 } = new MessageChannel();
    this.state = new Int32Array(new SharedArrayBuffer(4 * (CLAIMS + CLAIM_CELLS)));
    Atomics.store(this.state, POLICY, -1);
    this.port = port1;
    this.worker = startWorker('policy-worker', new URL('./worker.ts', import.meta.url), { workerData: { port: port2, state: this.state.buffer }, transferList: [port2] });
    // The lint never waits on the event loop for the worker; it must not keep the process alive either.
    this.worker.unref();
    port1.unref();
    port1.postMessage({ type: 'load', files: [...this.sources], steps: this.limits.steps });
  }

  /** Waits for the policies to load (parse, subset check, top level). */
  load(): { policies: PolicyMeta[]; problems: LoadProblem[] } {
    if (!this.loaded) {
      const deadline = Date.now() + SETUP_MS;
      for (;;) {
        const seen = Atomics.load(this.state, SEQ);
        const m = this.next();
        if (m?.type === 'loaded') {
          this.loaded = { policies: m.policies, problems: m.problems };
          break;
        }
        if (m?.type === 'crash') throw new Error(`the policy worker failed while loading: ${m.message}`);
        if (m) continue;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('loading the policies timed out');
        Atomics.wait(this.state, SEQ, seen, left);
      }
    }
    return this.loaded;
  }

  /** Sends the next resources of this run (in the lint's order); the worker decodes them at once. */
  send(resources: readonly Resource[]): void {
    if (this.run) {
      // The first batch of a new run (a host is reused by policy tests).
      this.run = undefined;
      this.batches = [];
      this.encoder = new ResourceEncoder();
    }
    const batch = this.encoder.encode(resources);
    this.batches.push(batch);
    this.port.postMessage({ type: 'resources', batch } satisfies ResourcesMessage);
  }

  /** Starts running the policies on the resources sent; returns at once. */
  start(input: RunInput): void {
    this.run = input;
    this.state.fill(0, CLAIMS);
    this.port.postMessage({ type: 'run', ...input, steps: this.limits.steps, from: 0 } satisfies RunRequest);
  }

  /** Waits for the run started by `start`; `graph` and `resources` are the lint's (the ones `start` sent). */
  finish(graph: MeshGraph, resources: readonly Resource[]): Diagnostic[] {
    const { policies } = this.load();
    const results: Diagnostic[][] = [];
    /** Policies whose findings arrived and still wait to be located (by this thread, or the worker's copy). */
    const pending = new Map<number, { findings: RawFinding[]; errors: RawError[] }>();
    const settle = (index: number, findings: RawFinding[]) => {
      results[index] = toDiagnostics(policies[index], { findings, errors: pending.get(index)!.errors }, resources);
      pending.delete(index);
    };
    let current = -2;
    let deadline = 0;
    let done = false;
    for (;;) {
      const seen = Atomics.load(this.state, SEQ);
      let m: WorkerMessage | undefined;
      while ((m = this.next())) {
        if (m.type === 'policy') pending.set(m.index, m);
        else if (m.type === 'located') settle(m.index, m.findings);
        else if (m.type === 'done') done = true;
        else if (m.type === 'crash') {
          results.push([policyError({ id: policies[Math.max(0, current)]?.id ?? '?', file: '<meshlint>' }, undefined, `the policy worker failed: ${m.message.split('\n')[0]}`)]);
          done = true;
        }
      }
      // Locate what the worker has not claimed, while it runs the next policies; then look at the messages again.
      const mine = [...pending.keys()].find((i) => i >= CLAIM_CELLS || claim(this.state, i));
      if (mine !== undefined) {
        settle(mine, pending.get(mine)!.findings);
        continue;
      }
      // After `done`, whatever is still pending the worker claimed, and its `located` message came before `done`.
      if (done) break;
      const running = Atomics.load(this.state, POLICY);
      if (running !== current) {
        current = running;
        deadline = Date.now() + (running >= 0 ? this.limits.timeoutMs : SETUP_MS);
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        if (running < 0) {
          results.push([policyError({ id: policies[0]?.id ?? '?', file: '<meshlint>' }, undefined, 'the policy worker did not respond')]);
          break;
        }
        const meta = policies[running];
        const index = Atomics.load(this.state, RESOURCE);
        const r = index >= 0 ? matching(meta, graph)[index] : undefined;
        results[running] = [policyError(meta, r, `stopped after ${this.limits.timeoutMs / 1000} s, the wall-clock limit (a catastrophic regular expression, or a very slow loop?)`)];
        this.restart(running + 1);
        current = -2;
        if (running + 1 >= policies.length) break;
        continue;
      }
      Atomics.wait(this.state, SEQ, seen, Math.min(left, 1000));
    }
    // A worker that failed or was stopped may have left findings unlocated.
    for (const [index, raw] of [...pending]) settle(index, raw.findings);
    return results.flat();
  }

  private restart(from: number): void {
    void this.worker.terminate();
    this.port.close();
    if (from >= (this.loaded?.policies.length ?? 0)) return;
    this.spawn();
    for (const batch of this.batches) this.port.postMessage({ type: 'resources', batch } satisfies ResourcesMessage);
    this.port.postMessage({ type: 'run', ...this.run!, steps: this.limits.steps, from } satisfies RunRequest);
  }

  private next(): WorkerMessage | undefined {
    return receiveMessageOnPort(this.port)?.message as WorkerMessage | undefined;
  }

  close(): void {
    void this.worker.terminate();
    this.port.close();
  }
}
