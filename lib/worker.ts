import { parentPort, workerData } from 'node:worker_threads';
import { prepareChainThread } from './chain-thread.js';
import type { ResolvedOptions } from './options.js';
import type { PoolReply, PoolRequest } from './pool.js';
import { processDocument } from './process-document.js';
import { isFailure } from './types.js';

// One thread of the pool: documents in, outcomes out, tagged with their place in
// the input so that the pool can put them back in order.

// This thread runs the chain alone.
prepareChainThread();

const options = workerData as ResolvedOptions;
const port = parentPort!;

port.on('message', ({ seq, doc }: PoolRequest) => {
  // Bytes arrive as a plain Uint8Array: the chain expects a Buffer over the same memory.
  const bytes = Buffer.from(doc.bytes.buffer, doc.bytes.byteOffset, doc.bytes.byteLength);
  const out = processDocument({ ...doc, bytes }, options);
  const reply: PoolReply = { seq, out };
  port.postMessage(reply, isFailure(out) ? [] : [out.line.buffer as ArrayBuffer]);
});

// The chain is loaded (the imports above have run): a document's time starts now, not with the thread.
port.postMessage({ ready: true } satisfies PoolReply);
