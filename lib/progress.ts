import type { Progress, RunSummary } from './run.js';

/**
 * Progress for a terminal: one line, redrawn in place at most a few times a
 * second. The caller decides whether there is a terminal to draw on; this only
 * draws on the stream it is given.
 */
export function progressLine(out: { write(s: string): unknown; columns?: number }): { update(p: Progress): void; clear(): void } {
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      out.write(`\r${describeProgress(p).slice(0, (out.columns ?? 80) - 1)}\x1b[K`);
      drawn = true;
    },
    clear() {
      if (drawn) out.write('\r\x1b[K');
    },
  };
}

export function describeProgress(p: Progress): string {
  const rate = p.seconds > 0 ? p.documents / p.seconds : 0;
  const parts = [`${p.documents} documents`, `${p.failures} errors`, `${megabytes(p.bytes)}${p.totalBytes !== null ? ` of ${megabytes(p.totalBytes)}` : ''}`, `${rate.toFixed(1)} docs/s`];
  if (p.totalBytes && p.bytes > 0 && p.seconds > 0) {
    const left = (p.seconds * (p.totalBytes - p.bytes)) / p.bytes;
    parts.push(`ETA ${duration(left)}`);
  }
  return parts.join(', ');
}

/** `normalize: 181 documents, 2 errors, 12.3 MB, 45.6 documents/s` */
export function describeSummary(s: RunSummary): string {
  const parts = [`${s.documents} documents`, `${s.failures} errors`, megabytes(s.bytes), `${(s.seconds > 0 ? s.documents / s.seconds : 0).toFixed(1)} documents/s`];
  if (s.skipped) parts.push(`${s.skipped} non-HTML WARC records skipped`);
  if (s.resumed) parts.push(`${s.resumed} inputs already done`);
  return parts.join(', ');
}

/** The counts as Hadoop Streaming reads counters from a task's stderr. */
export function hadoopCounters(s: RunSummary): string {
  const counters: [string, number][] = [
    ['documents', s.documents],
    ['errors', s.failures],
    ['input_bytes', s.bytes],
    ['warc_records_skipped', s.skipped],
  ];
  return counters.map(([name, n]) => `reporter:counter:normalize,${name},${n}\n`).join('');
}

function megabytes(n: number): string {
  return `${(n / 1e6).toFixed(1)} MB`;
}

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(s / 3600)}h${String(Math.floor(s / 60) % 60).padStart(2, '0')}m`;
}
