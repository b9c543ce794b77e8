import { once } from 'node:events';
import { type WriteStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { DocumentError, toFailure } from './errors.js';
import { resolveOptions, resolveScaleOptions } from './options.js';
import { type Job, type Outcome, isMarker, processStream } from './process.js';
import { type InputFile, documentsOfInput, idFromPath, inputFiles } from './read.js';
import { type RunOptions, type RunSummary, Tally, poolOptions, untilAborted } from './run.js';

/**
 * Batch output: one JSONL file per input file below `outDir`, mirroring the
 * input tree (or one file per `shardSize` documents of it). Every file is
 * written under a hidden temporary name and renamed when complete, so a file
 * with its final name is always whole; `resume` skips what is whole already.
 * All inputs share one stream through the chain, so many small files keep
 * every worker busy; markers in the stream say where each file starts and ends.
 */

interface Start {
  output: string;
  /** Shards already complete, when resuming a sharded input. */
  firstShard: number;
}

type Mark = Start | 'end';

const SHARD_DIGITS = 5;

/** `news/a.html.gz` below `news` → `out/a.html.jsonl`; a `.jsonl` input keeps its name. */
export function outputPath(outDir: string, input: InputFile): string {
  const rel = input.path === '-' ? 'stdin' : input.path === input.root ? basename(input.path) : relative(input.root, input.path);
  const name = rel.replace(/\.(?:gz|gzip)$/i, '');
  return join(outDir, /\.(?:jsonl|ndjson)$/i.test(name) ? name : `${name}.jsonl`);
}

/** `out/a.jsonl`, shard 3 → `out/a.00003.jsonl`: documents 3N to 4N-1 of the input. */
export function shardPath(output: string, shard: number): string {
  return `${output.replace(/\.(?:jsonl|ndjson)$/i, '')}.${String(shard).padStart(SHARD_DIGITS, '0')}.jsonl`;
}

function temporaryPath(final: string): string {
  return join(dirname(final), `.${basename(final)}.partial`);
}

/** How many shards of an input are complete: they are numbered from 0 without gaps. */
async function completeShards(output: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dirname(output));
  } catch {
    return 0;
  }
  const have = new Set(names);
  let n = 0;
  while (have.has(basename(shardPath(output, n)))) n++;
  return n;
}

export async function normalizeToDir(paths: string[], outDir: string, options: RunOptions = {}): Promise<RunSummary> {
  const resolved = resolveOptions(options);
  const scale = resolveScaleOptions({ ...options, outDir });
  const tally = new Tally(options, scale.errors === 'inline');
  const read = tally.readOptions(resolved);
  await tally.measure(paths, read);
  const shardSize = scale.shardSize;

  async function* jobs(): AsyncGenerator<Job<Mark>> {
    const seen = new Map<string, string>();
    for await (const input of inputFiles(paths, read)) {
      if ('error' in input) {
        yield input;
        continue;
      }
      const output = outputPath(outDir, input);
      const other = seen.get(output);
      if (other !== undefined) {
        const why = `its output ${output} would overwrite that of ${other}`;
        yield toFailure({ id: idFromPath(input.path), source: input.path }, new DocumentError('unreadable', why));
        continue;
      }
      seen.set(output, input.path);
      let skip = 0;
      let firstShard = 0;
      if (scale.resume && shardSize === null && existsSync(output)) {
        tally.summary.resumed++;
        continue;
      }
      if (scale.resume && shardSize !== null) {
        firstShard = await completeShards(output);
        skip = firstShard * shardSize;
        if (firstShard > 0) tally.summary.resumed++;
      }
      yield { marker: { output, firstShard } };
      for await (const doc of documentsOfInput(input, read)) {
        if (skip > 0) {
          skip--;
          continue;
        }
        yield doc;
      }
      yield { marker: 'end' };
    }
  }

  let file: OutputFile | null = null;
  const writer = new Writable({
    objectMode: true,
    highWaterMark: 1,
    write(item: Outcome | { marker: Mark }, _enc, done) {
      if (isMarker<Mark>(item)) {
        if (item.marker === 'end') {
          const closing = file!;
          file = null;
          closing.close().then(() => done(), done);
        } else {
          file = new OutputFile(item.marker, shardSize);
          file.open().then(() => done(), done);
        }
        return;
      }
      const line = tally.take(item);
      // A path that could not be read has no file of its own: it is reported only.
      if (!file) return done();
      file.add(line).then(() => done(), done);
    },
    final(done) {
      // Only a stopped run ends inside an input: its unfinished file goes, and --resume redoes it.
      if (!file) return done();
      file.discard().then(() => done(), done);
    },
    destroy(err, done) {
      // A run that fails leaves its temporary file behind, never a final name.
      file?.abandon();
      done(err);
    },
  });
  const source = Readable.from(untilAborted(jobs(), options.signal), { objectMode: true, highWaterMark: 1 });
  await pipeline(source, processStream<Mark>(resolved, poolOptions(scale, options)), writer);
  options.signal?.throwIfAborted();
  return tally.finish();
}

/** The output of one input: one file, or a run of shards, each renamed into place when whole. */
class OutputFile {
  private stream: WriteStream | null = null;
  private shard: number;
  private inShard = 0;

  constructor(
    private readonly start: Start,
    private readonly shardSize: number | null,
  ) {
    this.shard = start.firstShard;
  }

  private final(): string {
    return this.shardSize === null ? this.start.output : shardPath(this.start.output, this.shard);
  }

  /** Unsharded output is created at once, so that an input without documents still gets its (empty) file. */
  async open(): Promise<void> {
    await mkdir(dirname(this.start.output), { recursive: true });
    if (this.shardSize === null) this.stream = createWriteStream(temporaryPath(this.final()));
  }

  /**
   * One document's outcome: its line, or nothing for a failure told only on
   * stderr. A shard holds a number of documents, not of lines, so that resuming
   * can skip whole shards' worth of input whether or not failures were written.
   */
  async add(line: string | Uint8Array | undefined): Promise<void> {
    this.stream ??= createWriteStream(temporaryPath(this.final()));
    if (line !== undefined && !this.stream.write(line)) await once(this.stream, 'drain');
    if (this.shardSize !== null && ++this.inShard === this.shardSize) {
      await this.seal();
      this.shard++;
      this.inShard = 0;
    }
  }

  async close(): Promise<void> {
    if (this.stream) await this.seal();
  }

  abandon(): void {
    this.stream?.destroy();
  }

  /** Ends the file unfinished: its temporary file is removed, and the shards sealed before it stay. */
  async discard(): Promise<void> {
    const stream = this.stream;
    if (!stream) return;
    this.stream = null;
    stream.end();
    await finished(stream);
    await rm(temporaryPath(this.final()), { force: true });
  }

  private async seal(): Promise<void> {
    const stream = this.stream!;
    this.stream = null;
    stream.end();
    await finished(stream);
    await rename(temporaryPath(this.final()), this.final());
  }
}
