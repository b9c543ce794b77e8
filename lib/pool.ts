import { Duplex } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { DocumentError, toFailure } from './errors.js';
import type { ResolvedOptions } from './options.js';
import { type Done, type Job, type Outcome, isMarker } from './process.js';
import { type RawDocument, isFailure } from './types.js';

export interface PoolRequest {
  seq: number;
  doc: RawDocument;
}

/** A worker's messages: `ready` once it has loaded the chain, then one outcome per request. */
export type PoolReply = { ready: true } | { seq: number; out: Outcome };

export interface PoolOptions {
  jobs: number;
  /** Milliseconds a document may run before its worker is stopped; 0: no limit. */
  timeoutMs: number;
  /** Heap (V8 old generation) each worker may use, in MiB; 0: no limit. */
  maxMemoryMb: number;
  /** Stops the pool: workers end at once, and what is finished in order is still handed on. */
  signal?: AbortSignal;
}

/** Documents each worker may hold at once: enough to keep it busy between messages, few enough to bound memory. */
const PER_WORKER = 4;

interface Thread {
  worker: Worker;
  /** Requests sent and not yet answered, in the order sent: the worker runs them in that order. */
  queue: PoolRequest[];
  loaded: boolean;
  /** Stopped by us: anything it still says is ignored. */
  gone: boolean;
  clock: NodeJS.Timeout | null;
}

/**
 * A worker_threads pool as one object-mode Duplex: jobs in, outcomes out in
 * input order. Documents in flight and finished documents not yet read number
 * at most `jobs × PER_WORKER` together: beyond that the pool takes no more
 * input, so a slow reader slows the reader of the input, and memory is bounded
 * whatever the input's size. (A Transform would not do: it only holds back input
 * for what is pushed during a transform call, and results arrive later.)
 *
 * A document still running after `timeoutMs` cannot be interrupted inside its
 * thread (the chain is synchronous), so the thread is terminated: the document
 * becomes a `timeout` failure in its place, and the documents queued behind it
 * go to another worker. That is why the pool keeps each request until it is
 * answered.
 *
 * A worker that dies by itself (past its memory limit, an uncaught error) is
 * handled the same way: the document it was running becomes a failure in its
 * place and the rest of its queue goes to another worker. A worker that dies
 * before it has loaded the chain fails the run instead: no document is to
 * blame, and a fresh worker would only die the same way.
 */
export function poolStream<T>(options: ResolvedOptions, pool: PoolOptions): Duplex {
  const workerUrl = new URL('./worker.js', import.meta.url);
  const { jobs, timeoutMs, maxMemoryMb, signal } = pool;
  const resourceLimits = maxMemoryMb > 0 ? { maxOldGenerationSizeMb: maxMemoryMb } : {};
  const threads: Thread[] = [];
  const limit = jobs * PER_WORKER;
  const ready = new Map<number, Done<T>>();
  let nextSeq = 0;
  let emitSeq = 0;
  let inFlight = 0;
  let stopped = false;
  let waiting: (() => void) | null = null;
  let ended: ((err?: Error | null) => void) | null = null;

  const stopAll = () => Promise.all(threads.splice(0).map(retire));

  const stream = new Duplex({
    objectMode: true,
    readableHighWaterMark: 1,
    writableHighWaterMark: 1,
    write(job: Job<T>, _enc, done) {
      // After a stop the input is only drained, never worked on.
      if (stopped) return done();
      const seq = nextSeq++;
      if (isFailure(job) || isMarker(job)) ready.set(seq, job);
      else dispatch({ seq, doc: job });
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
      signal?.removeEventListener('abort', abort);
      stopAll().then(() => done(err), () => done(err));
    },
  });

  function abort(): void {
    stopped = true;
    inFlight = 0;
    void stopAll();
    progress();
  }
  if (signal?.aborted) abort();
  else signal?.addEventListener('abort', abort, { once: true });

  function dispatch(request: PoolRequest): void {
    // Threads start only when the work is there for them: each loads the
    // whole chain, which takes longer than a one-page run.
    if (threads.length < jobs && threads.every((x) => x.queue.length > 0)) threads.push(spawn());
    const t = threads.reduce((a, b) => (b.queue.length < a.queue.length ? b : a));
    t.queue.push(request);
    inFlight++;
    // The worker gets a copy of exactly the document's bytes (posting a view
    // would clone the whole buffer behind it), moved rather than cloned again.
    // The original stays here until the answer comes, should the document have
    // to go to another worker. (Shared memory would save the copy, but this
    // thread rarely collects garbage, and shared buffers waiting for it piled
    // up to hundreds of MB on a 1 GB input.)
    const bytes = Buffer.from(Uint8Array.prototype.slice.call(request.doc.bytes).buffer);
    const sent: PoolRequest = { seq: request.seq, doc: { ...request.doc, bytes } };
    t.worker.postMessage(sent, [bytes.buffer as ArrayBuffer]);
    if (t.queue.length === 1) startClock(t);
  }

  /** Hands on what is next in order while the reader wants it, then takes more input if there is room. */
  function progress(): void {
    while (ready.has(emitSeq)) {
      const item = ready.get(emitSeq)!;
      ready.delete(emitSeq++);
      if (!stream.push(item)) break;
    }
    if (waiting && (stopped || inFlight + ready.size < limit)) {
      const go = waiting;
      waiting = null;
      go();
    }
    // Stopped, the output ends at the first document that will never come.
    if (ended && (stopped ? !ready.has(emitSeq) : inFlight === 0 && ready.size === 0)) {
      const end = ended;
      ended = null;
      signal?.removeEventListener('abort', abort);
      stream.push(null);
      stopAll().then(() => end(), end);
    }
  }

  /** Times the document at the head of a thread's queue, from when the thread can start on it. */
  function startClock(t: Thread): void {
    if (t.clock) clearTimeout(t.clock);
    t.clock = null;
    if (timeoutMs > 0 && t.loaded && t.queue.length > 0) t.clock = setTimeout(() => timedOut(t), timeoutMs);
  }

  function timedOut(t: Thread): void {
    lost(t, new DocumentError('timeout', `took longer than --timeout-ms (${timeoutMs} ms): abandoned`));
  }

  /** A worker is gone for good: the document it was running is blamed, the ones queued behind it go elsewhere. */
  function lost(t: Thread, why: DocumentError): void {
    const [stuck, ...rest] = t.queue;
    threads.splice(threads.indexOf(t), 1);
    void retire(t);
    inFlight -= t.queue.length;
    if (stuck) ready.set(stuck.seq, toFailure(stuck.doc, why));
    for (const request of rest) dispatch(request);
    progress();
  }

  /** A worker ended without being asked to: `err` is why, if it said. */
  function died(t: Thread, err: Error | null, exitCode?: number): void {
    if (t.gone) return;
    const cause = err ? oneLine(err.message) : `exit code ${String(exitCode)}`;
    const outOfMemory = (err as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    if (!t.loaded) {
      t.gone = true;
      const hint = outOfMemory ? ` (--max-memory-mb ${maxMemoryMb} is too little to load the chain)` : '';
      stream.destroy(new WorkerStartError(`a worker thread died while starting, before any document: ${cause}${hint}`));
      return;
    }
    lost(
      t,
      outOfMemory
        ? new DocumentError('out-of-memory', `needed more memory than --max-memory-mb (${maxMemoryMb} MiB): abandoned`)
        : new DocumentError('worker-died', `its worker thread died (${cause}): abandoned`),
    );
  }

  function retire(t: Thread): Promise<number> {
    t.gone = true;
    if (t.clock) clearTimeout(t.clock);
    return t.worker.terminate();
  }

  function spawn(): Thread {
    const t: Thread = { worker: new Worker(workerUrl, { workerData: options, resourceLimits }), queue: [], loaded: false, gone: false, clock: null };
    t.worker.on('message', (reply: PoolReply) => {
      if (t.gone) return;
      if ('ready' in reply) {
        t.loaded = true;
      } else {
        // A worker answers in the order it was asked.
        t.queue.shift();
        inFlight--;
        ready.set(reply.seq, reply.out);
      }
      startClock(t);
      progress();
    });
    t.worker.on('error', (err) => died(t, err));
    t.worker.on('exit', (code) => died(t, null, code));
    return t;
  }
  return stream;
}

/** The pool could not start a worker: the setup is wrong (too little memory to load the chain, a missing build), not a document. */
export class WorkerStartError extends Error {
  override name = 'WorkerStartError';
}

/** An error's first line: the run reports one line per document. */
function oneLine(message: string): string {
  return message.split('\n', 1)[0]!.trim() || 'no message';
}
