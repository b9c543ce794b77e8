// The golden corpus: corpus/<slug>/input.<ext> and expected.json, the record
// `normalize --explain` makes of it. Shared by the test that holds the output to
// the goldens and by the script that rewrites them after a deliberate change.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeDocument } from '../lib/index.js';
import { contentExtension } from '../lib/read.js';
import type { DocumentRecord } from '../lib/types.js';
import { type PageCheck, runChecks } from './checks.js';

// This file runs from scripts/ under the test loader and from dist/scripts/ once compiled.
const here = dirname(fileURLToPath(import.meta.url));
export const CORPUS = join(resolve(here, here.endsWith(join('dist', 'scripts')) ? '../..' : '..'), 'corpus');

export interface GoldenCase {
  slug: string;
  dir: string;
  input: string;
}

/** Every case folder with an input file; `hostile/` holds error cases of its own. */
export function goldenCases(root = CORPUS): GoldenCase[] {
  return readdirSync(root)
    .filter((slug) => slug !== 'hostile' && statSync(join(root, slug)).isDirectory())
    .sort()
    .flatMap((slug) => {
      const dir = join(root, slug);
      const input = readdirSync(dir).find((f) => f.startsWith('input.'));
      return input ? [{ slug, dir, input: join(dir, input) }] : [];
    });
}

/** The record for a case, with a source that does not depend on where the repo is. */
export function recordFor(c: GoldenCase): DocumentRecord {
  const name = c.input.slice(c.dir.length + 1);
  return normalizeDocument({ id: c.slug, source: `corpus/${c.slug}/${name}`, bytes: readFileSync(c.input), ext: contentExtension(name) }, { explain: true });
}

export function expectedFor(c: GoldenCase): DocumentRecord | null {
  try {
    return JSON.parse(readFileSync(join(c.dir, 'expected.json'), 'utf8')) as DocumentRecord;
  } catch {
    return null;
  }
}

/** Cases with a careful reader's check.json beside their input. */
export function checkedCases(root = CORPUS): (GoldenCase & { check: PageCheck })[] {
  return goldenCases(root).flatMap((c) => {
    const file = join(c.dir, 'check.json');
    return existsSync(file) ? [{ ...c, check: JSON.parse(readFileSync(file, 'utf8')) as PageCheck }] : [];
  });
}

/** The checks a page is known not to meet yet (shortfalls.json), by name. */
export function knownShortfalls(c: GoldenCase): string[] {
  const file = join(c.dir, 'shortfalls.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[]) : [];
}

/** The names of the checks the current output fails. */
export function currentShortfalls(c: GoldenCase & { check: PageCheck }, record: DocumentRecord): string[] {
  return runChecks(record, c.check).filter((r) => !r.pass).map((r) => r.name);
}
