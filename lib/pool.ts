import { Duplex } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { ResolvedOptions } from './options.js';
import { type Done, type Job, type Outcome, isMarker } from './process.js';
import { type RawDocument, isFailure } from './types.js';

export interface PoolRequest {
  seq: number;
  doc: RawDocument;
}

export interface PoolReply {
  seq: number;
  out: Outcome;
}

/** Documents each worker may hold at once: enough to keep it busy between messages, few enough to bound memory. */
const PER_WORKER = 4;

/**
 * A worker_threads pool as one object-mode Duplex: jobs in, outcomes out in
 * input order. Documents in flight and finished documents not yet read number
 * at most `jobs × PER_WORKER` together: beyond that the pool takes no more
 * input, so a slow reader slows the reader of the input, and memory is bounded
 * whatever the input's size. (A Transform would not do: it only holds back input
 * for what is pushed during a transform call, and results arrive later.)
 */
export function poolStream<T>(options: ResolvedOptions, jobs: number): Duplex {
  const workerUrl = new URL('./worker.js', import.meta.url);
  const workers: { thread: Worker; pending: number }[] = [];
  const limit = jobs * PER_WORKER;
  const ready = new Map<number, Done<T>>();
  let nextSeq = 0;
  let emitSeq = 0;
  let inFlight = 0;
  let waiting: (() => void) | null = null;
  let ended: ((err?: Error | null) => void) | null = null;

  const stop = () => Promise.all(workers.map((w) => w.thread.terminate()));

  const stream = new Duplex({
    objectMode: true,
    readableHighWaterMark: 1,
    writableHighWaterMark: 1,
    write(job: Job<T>, _enc, done) {
      const seq = nextSeq++;
      if (isFailure(job) || isMarker(job)) ready.set(seq, job);
      else dispatch(seq, job);
      waiting = done;
      progress();
    },
    final(done) {
      ended = done;
      progress();
    },
    read() {
      progress();
    },
    destroy(err, done) {
      stop().then(() => done(err), () => done(err));
    },
  });

  function dispatch(seq: number, job: RawDocument): void {
    // Threads start only when the work is there for them: each loads the
    // whole chain, which takes longer than a one-page run.
    if (workers.length < jobs && workers.every((x) => x.pending > 0)) workers.push(spawn());
    const w = workers.reduce((a, b) => (b.pending < a.pending ? b : a));
    w.pending++;
    inFlight++;
    // The read stage never touches a document's bytes again, so a Buffer that
    // owns its memory moves to the worker instead of being copied. A view into
    // a larger buffer (Node's small-buffer pool, a WARC record) is first copied
    // alone: posting the view would clone the whole buffer behind it.
    const owns = job.bytes.byteOffset === 0 && job.bytes.byteLength === job.bytes.buffer.byteLength;
    const bytes = owns ? job.bytes : Buffer.from(Uint8Array.prototype.slice.call(job.bytes).buffer);
    const request: PoolRequest = { seq, doc: { ...job, bytes } };
    w.thread.postMessage(request, [bytes.buffer as ArrayBuffer]);
  }

  /** Hands on what is next in order while the reader wants it, then takes more input if there is room. */
  function progress(): void {
    while (ready.has(emitSeq)) {
      const item = ready.get(emitSeq)!;
      ready.delete(emitSeq++);
      if (!stream.push(item)) break;
    }
    if (waiting && inFlight + ready.size < limit) {
      const go = waiting;
      waiting = null;
      go();
    }
    if (ended && inFlight === 0 && ready.size === 0) {
      const end = ended;
      ended = null;
      stream.push(null);
      stop().then(() => end(), end);
    }
  }

  function spawn(): { thread: Worker; pending: number } {
    const w = { thread: new Worker(workerUrl, { workerData: options }), pending: 0 };
    w.thread.on('message', ({ seq, out }: PoolReply) => {
      w.pending--;
      inFlight--;
      ready.set(seq, out);
      progress();
    });
    // A worker that dies takes its documents with it; that is our bug, not a document's.
    w.thread.on('error', (err) => stream.destroy(err));
    return w;
  }
  return stream;
}
