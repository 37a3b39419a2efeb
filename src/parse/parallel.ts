// Parsing on two threads. js-yaml's parse is about half of the parse stage; a worker runs it on blocks of texts
// and sends back packed events (an Int32Array, transferred without a copy), while this thread builds the values
// from them in input order. Each block is claimed once, by either thread (a compare-and-swap on its cell): this
// thread parses the block it needs itself when the worker has not got to it (not started yet, or behind), and
// while it waits for the worker it parses a block a little further on. The result does not depend on who parsed.
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { startWorker } from '../core/worker.ts';
import { blockPart, parseBlock, type PackedBlock } from './events.ts';

/** Slot 0 of the shared Int32Array counts the worker's messages; slot 1 + b is block b's cell. */
export const SEQ = 0;
export const FREE = 0;
export const TAKEN = 1;
/** Texts are taken in blocks of about this many characters. */
const BLOCK_SIZE = 64 * 1024;
/**
 * The worker is sent texts at most this many blocks ahead of the block this thread is on (about 4 MB), in
 * messages of half that: enough to keep it busy, while the copies in flight stay small.
 */
const WINDOW = 64;
/** While waiting, this thread parses blocks at most this far ahead (their events wait in memory). */
const AHEAD = 8;
/** A worker silent this long while holding a block is given up on; this thread then parses everything itself. */
const STALL_MS = 30_000;

export interface BlockRequest {
  first: number;
  blocks: string[][];
}

export type BlockResult = { block: number; events: Int32Array; ends: Int32Array } | { block: number; failed: true };

/** Hands out the packed events of a fixed list of texts, in order. */
export class ParallelParse {
  private readonly blocks: string[][] = [];
  private readonly done = new Map<number, PackedBlock>();
  private readonly state: Int32Array;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private alone = false;
  /** Blocks the worker parsed (the rest this thread did). */
  fromWorker = 0;
  private block = 0;
  private posted = 0;
  private part = 0;
  private current: PackedBlock | undefined;

  constructor(texts: readonly string[]) {
    let size = BLOCK_SIZE;
    for (const t of texts) {
      if (size >= BLOCK_SIZE) {
        this.blocks.push([]);
        size = 0;
      }
      this.blocks[this.blocks.length - 1].push(t);
      size += t.length;
    }
    this.state = new Int32Array(new SharedArrayBuffer(4 * (1 + this.blocks.length)));
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = startWorker('parse-worker', new URL('./worker.ts', import.meta.url), { workerData: { port: port2, state: this.state.buffer }, transferList: [port2] });
    // A worker that cannot start (odd Node flags, no threads) only means this thread parses alone.
    this.worker.on('error', () => {});
    // Nothing here waits on the event loop; neither may keep the process alive.
    this.worker.unref();
    port1.unref();
    this.send();
  }

  /** Keeps the worker supplied with the texts of the blocks ahead. */
  private send(): void {
    if (this.alone || this.posted - this.block > WINDOW / 2) return;
    const end = Math.min(this.blocks.length, this.block + WINDOW);
    if (end <= this.posted) return;
    this.port.postMessage({ first: this.posted, blocks: this.blocks.slice(this.posted, end) } satisfies BlockRequest);
    this.posted = end;
  }

  /** Messages (parsed blocks) the worker has sent so far. */
  get received(): number {
    return Atomics.load(this.state, SEQ);
  }

  get blockCount(): number {
    return this.blocks.length;
  }

  /** Events of the next text (undefined when it is not valid YAML). */
  next(): Int32Array | undefined {
    while (!this.current || this.part >= this.current.ends.length) {
      this.send();
      this.current = this.take(this.block++);
      this.part = 0;
    }
    return blockPart(this.current, this.part++);
  }

  close(): void {
    this.state.fill(TAKEN, 1);
    void this.worker.terminate();
    this.port.close();
  }

  private claim(b: number): boolean {
    return this.alone || Atomics.compareExchange(this.state, 1 + b, FREE, TAKEN) === FREE;
  }

  private take(b: number): PackedBlock {
    let deadline = Date.now() + STALL_MS;
    for (;;) {
      const seen = Atomics.load(this.state, SEQ);
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
        const r = m.message as BlockResult;
        this.done.set(r.block, 'failed' in r ? parseBlock(this.blocks[r.block]) : r);
        this.fromWorker++;
        deadline = Date.now() + STALL_MS;
      }
      const r = this.done.get(b);
      if (r) {
        this.done.delete(b);
        return r;
      }
      if (this.claim(b)) return parseBlock(this.blocks[b]);
      // The worker has this block: do something useful meanwhile.
      const ahead = this.stealAfter(b);
      if (ahead >= 0) {
        this.done.set(ahead, parseBlock(this.blocks[ahead]));
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        this.alone = true;
        this.state.fill(TAKEN, 1);
        return parseBlock(this.blocks[b]);
      }
      Atomics.wait(this.state, SEQ, seen, left);
    }
  }

  /** Claims the first free block after `b` and not too far ahead; -1 when there is none. */
  private stealAfter(b: number): number {
    for (let k = b + 1; k <= b + AHEAD && k < this.blocks.length; k++) if (!this.done.has(k) && this.claim(k)) return k;
    return -1;
  }
}
