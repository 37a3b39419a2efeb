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
import { DEFAULT_LIMITS, HOST_WAITING, POLICY, RESOURCE, SEQ, type PolicyLimits, type RunRequest, type WorkerMessage } from './protocol.ts';
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
  private waiting = false;

  constructor(private readonly sources: readonly PolicySource[], limits: Partial<PolicyLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.spawn();
  }

  private spawn(): void {
    const { port1, port2 } = new MessageChannel();
    this.state = new Int32Array(new SharedArrayBuffer(16));
    Atomics.store(this.state, POLICY, -1);
    if (this.waiting) Atomics.store(this.state, HOST_WAITING, 1);
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

  /** Starts running the policies on the given sources; returns at once. */
  start(input: RunInput): void {
    this.run = input;
    this.waiting = false;
    Atomics.store(this.state, HOST_WAITING, 0);
    this.port.postMessage({ type: 'run', ...input, steps: this.limits.steps, from: 0 } satisfies RunRequest);
  }

  /** Waits for the run started by `start`; `graph` and `resources` are the lint's (the ones `start` sent). */
  finish(graph: MeshGraph, resources: readonly Resource[]): Diagnostic[] {
    this.waiting = true;
    Atomics.store(this.state, HOST_WAITING, 1);
    const { policies } = this.load();
    const results: Diagnostic[][] = [];
    let current = -2;
    let deadline = 0;
    for (;;) {
      const seen = Atomics.load(this.state, SEQ);
      let m: WorkerMessage | undefined;
      let done = false;
      while ((m = this.next())) {
        if (m.type === 'policy') results[m.index] = toDiagnostics(policies[m.index], m, resources);
        else if (m.type === 'done') done = true;
        else if (m.type === 'crash') {
          results.push([policyError({ id: policies[Math.max(0, current)]?.id ?? '?', file: '<meshlint>' }, undefined, `the policy worker failed: ${m.message.split('\n')[0]}`)]);
          done = true;
        }
      }
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
    return results.flat();
  }

  private restart(from: number): void {
    void this.worker.terminate();
    this.port.close();
    if (from >= (this.loaded?.policies.length ?? 0)) return;
    this.spawn();
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
