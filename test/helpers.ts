import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN, ROOT, runCli } from '../scripts/fuzz-kit.js';

export { BIN, ROOT };
export const SEEDS = join(ROOT, 'corpus');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  records: Record<string, unknown>[];
}

// Longer than any run here takes; a run killed at it fails on its exit code.
const RUN_LIMIT_MS = 110_000;

/** Runs the real CLI as a user would, with optional stdin bytes, and reads its records. */
export async function cli(args: string[], stdin?: string | Buffer, cwd = ROOT): Promise<CliResult> {
  const run = await runCli(args, { stdin: stdin === undefined ? undefined : Buffer.from(stdin), timeoutMs: RUN_LIMIT_MS, cwd });
  return {
    code: run.code,
    signal: run.signal,
    stdout: run.stdout,
    stderr: run.stderr,
    records: run.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder, removed when the test process ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'unchrome-test-'));
  made.push(dir);
  return dir;
}

/**
 * Six small page dumps from the corpus and one big document, the corpus's dumps
 * over and over up to about `bytes`, written to a temporary folder; `inputs` is
 * the order the pool tests give them in: two small ones first (the worker has
 * run documents), the big one, four small ones queued behind it.
 */
export function smallAroundBig(bytes: number, name: string): { small: string[]; big: string; inputs: string[] } {
  const dir = tempDir();
  const pageDirs = readdirSync(SEEDS).filter((n) => n.startsWith('seed-') || n.startsWith('bench-'));
  const page = (slug: string) => readFileSync(join(SEEDS, slug, 'input.txt'));
  const small = pageDirs.slice(0, 6).map((slug, i) => {
    const path = join(dir, `small${i}.txt`);
    writeFileSync(path, page(slug));
    return path;
  });
  const dumps = Buffer.concat(pageDirs.map(page));
  const big = join(dir, name);
  writeFileSync(big, Buffer.concat(Array<Buffer>(Math.floor(bytes / dumps.length)).fill(dumps)));
  return { small, big, inputs: [small[0]!, small[1]!, big, ...small.slice(2)] };
}

/** Every file below dir, relative to it, sorted. */
export function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** Waits (bounded) until `ok` holds; fails rather than hangs. */
export async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 2400; i++) {
    if (ok()) return;
    await sleep(25);
  }
  throw new Error(`gave up waiting for ${what}`);
}
