// The parse worker (see parallel.ts): claims each block in turn, parses its texts into packed events and
// transfers them back, skipping blocks the lint thread took. It only reads texts; the lint thread builds values.
import { workerData, type MessagePort } from 'node:worker_threads';
import { parseBlock } from './events.ts';
import { FREE, SEQ, TAKEN, type BlockRequest, type BlockResult } from './parallel.ts';

const port = workerData.port as MessagePort;
const state = new Int32Array(workerData.state as SharedArrayBuffer);
const blocks: (string[] | undefined)[] = [];
let next = 0;

function post(r: BlockResult, transfer: ArrayBuffer[]): void {
  port.postMessage(r, transfer);
  Atomics.add(state, SEQ, 1);
  Atomics.notify(state, SEQ);
}

port.on('message', (m: BlockRequest) => {
  m.blocks.forEach((texts, i) => (blocks[m.first + i] = texts));
  for (; next < blocks.length; next++) {
    const texts = blocks[next];
    blocks[next] = undefined;
    if (!texts || Atomics.compareExchange(state, 1 + next, FREE, TAKEN) !== FREE) continue;
    try {
      const { events, ends } = parseBlock(texts);
      post({ block: next, events, ends }, [events.buffer as ArrayBuffer, ends.buffer as ArrayBuffer]);
    } catch {
      post({ block: next, failed: true }, []);
    }
  }
});
