import { type InflateRaw, constants as zlibConstants, crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import { DocumentError } from './errors.js';

/**
 * Gunzip for the read stage: a stream, one gzip member at a time, each with an
 * inflater of its own. A broken member (or a bomb) then costs its own bytes
 * only: a Gap stands where it was, and the next member is looked for and read
 * on. In a .warc.gz every record is a member, so the records after a broken
 * one still come out; the other formats end at a gap (see noGaps).
 */

/** Where the bytes do not follow on from those before them, and why. */
export interface Gap {
  why: DocumentError;
  /** The gzip members ended well, and what follows them is not gzip. */
  trailing: boolean;
  /** Where the broken member's bytes began in the inflated stream: what it cuts starts before. */
  memberStart: number;
}

const GZIP_MEMBER = Buffer.from([0x1f, 0x8b, 0x08]);

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MEMBER[0] && bytes[1] === GZIP_MEMBER[1];
}

// Below this many expanded bytes no ratio applies: a small page of mostly white
// space may expand a few hundred times, harmlessly.
const RATIO_FLOOR = 8 * 1024 * 1024;

/** How many bytes `packed` bytes of gzip data may expand to. */
export function expansionAllowed(packed: number, maxRatio: number): number {
  return Math.max(RATIO_FLOOR, maxRatio * packed);
}

export function gzipBomb(maxRatio: number, expanded: number, packed: number): DocumentError {
  return new DocumentError(
    'gzip-bomb',
    `gzip data expands more than --max-ratio (${maxRatio}): over ${expanded} bytes from ${packed} compressed bytes`,
  );
}

/**
 * How far gzip data has expanded since a mark (the start of the stream, or of a
 * WARC record): a bomb is stopped as soon as it passes the ratio, before its
 * bytes are held anywhere.
 */
export class InflateMeter {
  packed = 0;
  expanded = 0;
  /** Expanded bytes given out: a bomb's last bytes are not. */
  given = 0;
  private packed0 = 0;
  private expanded0 = 0;

  constructor(private readonly maxRatio: number) {}

  mark(): void {
    this.packed0 = this.packed;
    this.expanded0 = this.expanded;
  }

  /** The error when the data has expanded past the limit since the mark. */
  check(): DocumentError | null {
    const expanded = this.expanded - this.expanded0;
    const packed = this.packed - this.packed0;
    return expanded > expansionAllowed(packed, this.maxRatio) ? gzipBomb(this.maxRatio, expanded, packed) : null;
  }
}

/** Compressed bytes, with what an inflater did not use given back to be read again. */
class Compressed {
  private readonly back: Buffer[] = [];
  /** Bytes handed out and not given back: what the meter counts as read. */
  used = 0;
  /** What was handed out and not given back since record(); null when not recording, or past RECORD_LIMIT. */
  private kept: Buffer[] | null = null;
  private keptBytes = 0;

  constructor(
    first: Buffer,
    private readonly source: AsyncIterator<Buffer>,
  ) {
    this.back.push(first);
  }

  async next(): Promise<Buffer | null> {
    let b = this.back.shift();
    if (!b) {
      const n = await this.source.next();
      if (n.done) return null;
      b = n.value;
    }
    this.used += b.length;
    if (this.kept) {
      this.keptBytes += b.length;
      if (this.keptBytes > RECORD_LIMIT) this.kept = null;
      else this.kept.push(b);
    }
    return b;
  }

  /** b: the last bytes handed out, read again next. */
  giveBack(b: Buffer): void {
    if (!b.length) return;
    this.used -= b.length;
    this.back.unshift(b);
    if (this.kept) this.unkeep(b.length);
  }

  private unkeep(n: number): void {
    const kept = this.kept!;
    this.keptBytes -= n;
    while (n > 0) {
      const last = kept.pop();
      if (!last) {
        this.kept = null;
        return;
      }
      if (last.length > n) kept.push(last.subarray(0, last.length - n));
      n -= Math.min(n, last.length);
    }
  }

  /** Keeps what is read from here on, up to RECORD_LIMIT bytes. */
  record(): void {
    this.kept = [];
    this.keptBytes = 0;
  }

  /** What was read since record() and not given back; null past RECORD_LIMIT. Recording stops. */
  recorded(): Buffer | null {
    const kept = this.kept;
    this.kept = null;
    return kept && Buffer.concat(kept, this.keptBytes);
  }

  /** Exactly n bytes, or fewer at the end of the input. */
  async take(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let got = 0;
    while (got < n) {
      const b = await this.next();
      if (!b) break;
      const piece = b.subarray(0, n - got);
      this.giveBack(b.subarray(piece.length));
      parts.push(piece);
      got += piece.length;
    }
    return Buffer.concat(parts, got);
  }

  /** Moves on to the next gzip member's first byte; false when there is none. */
  async toMember(): Promise<boolean> {
    let tail: Buffer = Buffer.alloc(0);
    for (let b = await this.next(); b; b = await this.next()) {
      const bytes = tail.length ? Buffer.concat([tail, b]) : b;
      const hit = bytes.indexOf(GZIP_MEMBER);
      if (hit >= 0) {
        this.giveBack(bytes.subarray(hit));
        return true;
      }
      // Magic bytes cut by the end of a chunk.
      tail = bytes.subarray(Math.max(0, bytes.length - GZIP_MEMBER.length + 1));
    }
    return false;
  }
}

const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;
/** A longer file name or comment in a gzip header is taken for broken data. */
const HEADER_TEXT_LIMIT = 64 * 1024;

/** Reads a member's header (RFC 1952): null when it is one, else why not. */
async function readHeader(input: Compressed, head: Buffer): Promise<string | null> {
  const flags = head[3]!;
  if (flags & FEXTRA) {
    const size = await input.take(2);
    if (size.length < 2 || (await input.take(size.readUInt16LE(0))).length < size.readUInt16LE(0)) return 'gzip header cut short';
  }
  for (const field of [FNAME, FCOMMENT]) {
    if (!(flags & field)) continue;
    let read = 0;
    for (;;) {
      const b = await input.next();
      if (!b) return 'gzip header cut short';
      const zero = b.indexOf(0);
      read += zero < 0 ? b.length : zero + 1;
      if (read > HEADER_TEXT_LIMIT) return 'gzip header too long';
      if (zero >= 0) {
        input.giveBack(b.subarray(zero + 1));
        break;
      }
    }
  }
  if (flags & FHCRC && (await input.take(2)).length < 2) return 'gzip header cut short';
  return null;
}

/**
 * Inflates gzip data from `first` on, then from `source`, as a stream of
 * Buffers, with a Gap wherever data was broken, a bomb, or not gzip.
 */
export async function* inflate(first: Buffer, source: AsyncIterator<Buffer>, meter: InflateMeter): AsyncGenerator<Buffer | Gap> {
  const input = new Compressed(first, source);
  let afterGoodMember = false;
  // Whether the member being read was found by looking again inside a broken one's bytes.
  let relooked = false;
  for (;;) {
    if (!relooked) input.record();
    const head = await input.take(10);
    if (!head.length) return;
    let why: DocumentError | null;
    let trailing = false;
    const memberStart = meter.given;
    if (head.length < 10 || !head.subarray(0, 3).equals(GZIP_MEMBER)) {
      trailing = afterGoodMember;
      why = new DocumentError('bad-gzip', afterGoodMember ? 'data after the end of the gzip members is not gzip' : 'broken gzip data (not a gzip header)');
      // Past the first byte: the next member may start inside these ten.
      input.giveBack(head.subarray(1));
    } else {
      const broken = await readHeader(input, head);
      why = broken ? new DocumentError('bad-gzip', `broken gzip data (${broken})`) : yield* inflateMember(input, meter);
    }
    if (why === null) {
      afterGoodMember = true;
      relooked = false;
      continue;
    }
    yield { why, trailing, memberStart };
    afterGoodMember = false;
    // Flipped bits can make a member's deflate data a valid stream that runs on
    // through the members after it, and fails only at its end: the next member is
    // looked for from the broken one's second byte, in what it read. Once per run
    // of broken members (a member found so that breaks too is passed over from
    // where it stopped), so that no byte is read more than twice.
    if (!relooked) {
      const read = input.recorded();
      if (read && read.length > 1) {
        input.giveBack(read.subarray(1));
        relooked = true;
      }
    }
    // What comes after a gap is counted afresh: a bomb passed over is not charged to it.
    meter.packed = input.used;
    meter.mark();
    if (!(await input.toMember())) return;
  }
}

// The most of a broken member's bytes that are looked through again for the next member: a WARC record's member is far smaller.
const RECORD_LIMIT = 8 * 1024 * 1024;

/** One member's deflate data and trailer: its bytes, then null, or why it is broken (or a bomb). */
async function* inflateMember(input: Compressed, meter: InflateMeter): AsyncGenerator<Buffer, DocumentError | null> {
  let crc = 0;
  let size = 0;
  /** Counts bytes about to be given out: the error if they make a bomb. */
  const pass = (out: Buffer): DocumentError | null => {
    meter.expanded += out.length;
    const bomb = meter.check();
    if (bomb) return bomb;
    crc = crc32(out, crc);
    size = (size + out.length) % 2 ** 32;
    meter.given += out.length;
    return null;
  };
  const whole = inflateAtOnce(await input.next(), input);
  let why: DocumentError | null;
  if (whole) {
    meter.packed = input.used;
    why = pass(whole);
    if (!why) yield whole;
  } else {
    why = yield* inflateStream(input, meter, pass);
  }
  if (why) return why;
  const trailer = await input.take(8);
  if (trailer.length < 8) return new DocumentError('bad-gzip', 'broken gzip data (unexpected end of file)');
  if (trailer.readUInt32LE(0) !== crc || trailer.readUInt32LE(4) !== size) return new DocumentError('bad-gzip', 'broken gzip data (incorrect data check)');
  return null;
}

// A member's deflate data read at once only when it expands to no more than this.
const AT_ONCE_LIMIT = 4 * 1024 * 1024;

/**
 * Most members (a WARC record, a page) lie whole within the bytes already read:
 * they are inflated in one call, which costs a fraction of a stream's set-up.
 * Null, with the bytes given back, when the member runs on past them, expands
 * further than AT_ONCE_LIMIT, or is broken: the stream then reads it (and says why).
 */
function inflateAtOnce(bytes: Buffer | null, input: Compressed): Buffer | null {
  if (!bytes) return null;
  try {
    const chunkSize = outputSize(bytes);
    const { buffer, engine } = inflateRawSync(bytes, { info: true, maxOutputLength: AT_ONCE_LIMIT, chunkSize }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    input.giveBack(bytes.subarray(engine.bytesWritten));
    // A size read from bytes that end before the member does may be far too
    // large: the page is not left holding the rest of such a buffer.
    return chunkSize > zlibConstants.Z_DEFAULT_CHUNK && buffer.length * 2 < chunkSize ? Buffer.from(buffer) : buffer;
  } catch {
    input.giveBack(bytes);
    return null;
  }
}

/**
 * The buffer to inflate into. When the bytes end where the member ends (a
 * page's gzip file read whole), their last four say the member's size (ISIZE):
 * zlib then inflates into one buffer, not into 16 kB pieces joined by a copy.
 * One byte over: a buffer filled to its end makes zlib allocate another.
 */
function outputSize(bytes: Buffer): number {
  const size = bytes.length >= 8 ? bytes.readUInt32LE(bytes.length - 4) : 0;
  return size > 0 && size < AT_ONCE_LIMIT ? size + 1 : zlibConstants.Z_DEFAULT_CHUNK;
}

/** A member's deflate data as a stream; `pass` counts each piece before it goes. */
async function* inflateStream(input: Compressed, meter: InflateMeter, pass: (out: Buffer) => DocumentError | null): AsyncGenerator<Buffer, DocumentError | null> {
  const inflater = createInflateRaw();
  // What the inflater was given and may not have used yet; the first piece starts at `givenAt` of its input.
  const given: Buffer[] = [];
  let givenAt = 0;
  let givenEnd = 0;
  let stop = false;
  const feed = async (): Promise<void> => {
    try {
      while (!stop) {
        const b = await input.next();
        if (!b) {
          // Once stopped, the inflater is destroyed: ending it would raise an error nobody hears.
          if (!stop) inflater.end();
          return;
        }
        given.push(b);
        givenEnd += b.length;
        if (stop) return;
        // One piece at a time: once the member's deflate data ends, the inflater
        // uses no more, and nothing more is read for it.
        await written(inflater, b);
        if (inflater.bytesWritten < givenEnd) return;
      }
    } catch (err) {
      inflater.destroy(err as Error);
    }
  };
  const feeding = feed();
  let why: DocumentError | null = null;
  try {
    for await (const out of inflater as AsyncIterable<Buffer>) {
      // Read ahead but not yet inflated is not counted.
      meter.packed = input.used - (givenEnd - inflater.bytesWritten);
      why = pass(out);
      if (why) break;
      yield out;
      while (given.length && givenAt + given[0]!.length <= inflater.bytesWritten) givenAt += given.shift()!.length;
    }
  } catch (err) {
    if (!((err as NodeJS.ErrnoException).code ?? '').startsWith('Z_')) throw err;
    why = new DocumentError('bad-gzip', `broken gzip data (${(err as Error).message})`);
  } finally {
    stop = true;
    inflater.destroy();
  }
  await feeding;
  // What follows the deflate data goes back, to be read as the trailer and the next member.
  input.giveBack(Buffer.concat(given).subarray(Math.max(0, inflater.bytesWritten - givenAt)));
  return why;
}

/** Resolves when the inflater has taken in the bytes, or never will. */
function written(w: InflateRaw, bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      w.off('close', done);
      resolve();
    };
    w.once('close', done);
    w.write(bytes, done);
  });
}
