// Trains the block model (lib/block-model.ts): logistic regression over the block
// features, from page dumps whose article body is known.
//
//   node dist/scripts/train-block-model.js [--text DIR] [--truth FILE] [--folds K]
//        [--cv-out FILE] [--write]
//
// Data: the lynx dumps in shared/bench/article-extraction-text and the human
// annotated bodies in shared/bench/article-extraction/ground-truth.json. A block
// is labelled body when most of its word 4-grams occur in the annotated body.
// --cv-out writes, for every page, the body found by a model trained without
// that page's fold (K-fold), for score.py: the honest figure for unseen pages.
// --write trains on all pages and writes the weights to lib/block-model.ts.

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { type BlockStats, FEATURES, blockStats, featureRows, proseIndent } from '../lib/block-features.js';
import type { BlockModel } from '../lib/block-model.js';
import { classifyWith } from '../lib/classify.js';
import { segmentText } from '../lib/segment.js';
import type { SegmentedDocument } from '../lib/types.js';

const { values: args } = parseArgs({
  options: {
    text: { type: 'string', default: '../shared/bench/article-extraction-text' },
    truth: { type: 'string', default: '../shared/bench/article-extraction/ground-truth.json' },
    folds: { type: 'string', default: '5' },
    'cv-out': { type: 'string' },
    write: { type: 'boolean', default: false },
    threshold: { type: 'string', default: '0.5' },
    'keep-inside': { type: 'string', default: '0.1' },
  },
});

interface Page {
  id: string;
  doc: SegmentedDocument;
  rows: Float64Array[];
  labels: number[];
  weights: number[];
}

// The scorer's tokens: runs of word characters.
const tokens = (text: string) => text.match(/[\p{L}\p{M}\p{N}_]+/gu) ?? [];

function labelBlocks(texts: string[], truth: string): number[] {
  const truthTokens = tokens(truth);
  const grams = new Set<string>();
  for (let i = 0; i + 4 <= truthTokens.length; i++) grams.add(truthTokens.slice(i, i + 4).join(' '));
  const joined = ` ${truthTokens.join(' ')} `;
  return texts.map((text) => {
    const t = tokens(text);
    if (t.length === 0) return 0;
    if (t.length < 4) return joined.includes(` ${t.join(' ')} `) ? 1 : 0;
    let hit = 0;
    for (let i = 0; i + 4 <= t.length; i++) if (grams.has(t.slice(i, i + 4).join(' '))) hit++;
    return hit / (t.length - 3) >= 0.5 ? 1 : 0;
  });
}

function loadPages(): Page[] {
  const truth = JSON.parse(readFileSync(args.truth!, 'utf8')) as Record<string, { articleBody: string }>;
  return readdirSync(args.text!)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const id = basename(f, '.txt');
      const text = readFileSync(join(args.text!, f), 'utf8');
      const blocks = segmentText(text);
      const stats: BlockStats[] = blocks.map(blockStats);
      const doc: SegmentedDocument = { id, source: f, format: 'text', text, inputBytes: text.length, meta: {}, blocks };
      return {
        id,
        doc,
        rows: featureRows(blocks, stats, proseIndent(blocks, stats)),
        labels: labelBlocks(blocks.map((b) => b.text), truth[id]?.articleBody ?? ''),
        // Blocks weigh as in the body search: by the square root of their words.
        weights: stats.map((s) => Math.sqrt(s.words + 1)),
      };
    });
}

/** Weighted logistic regression, L2-regularised, fitted with Adam on the full batch. */
function train(pages: Page[]): number[] {
  const d = FEATURES.length;
  const w = new Array<number>(d).fill(0);
  const m = new Array<number>(d).fill(0);
  const v = new Array<number>(d).fill(0);
  const lambda = 1e-3;
  const rate = 0.05;
  let total = 0;
  for (const p of pages) for (const x of p.weights) total += x;
  for (let step = 1; step <= 600; step++) {
    const grad = new Array<number>(d).fill(0);
    for (const p of pages) {
      p.rows.forEach((row, i) => {
        let z = 0;
        for (let k = 0; k < d; k++) z += row[k]! * w[k]!;
        const err = (1 / (1 + Math.exp(-z)) - p.labels[i]!) * p.weights[i]!;
        for (let k = 0; k < d; k++) grad[k]! += err * row[k]!;
      });
    }
    for (let k = 0; k < d; k++) {
      const g = grad[k]! / total + (k === 0 ? 0 : lambda * w[k]!);
      m[k] = 0.9 * m[k]! + 0.1 * g;
      v[k] = 0.999 * v[k]! + 0.001 * g * g;
      w[k]! -= (rate * (m[k]! / (1 - 0.9 ** step))) / (Math.sqrt(v[k]! / (1 - 0.999 ** step)) + 1e-8);
    }
  }
  return w.map((x) => Math.round(x * 1000) / 1000);
}

const model = (weights: number[]): BlockModel => ({ weights, threshold: Number(args.threshold), keepInside: Number(args['keep-inside']) });

function bodyOf(page: Page, m: BlockModel): string {
  return classifyWith(page.doc, m)
    .blocks.filter((b) => b.role === 'body')
    .map((b) => b.text)
    .join('\n\n');
}

const pages = loadPages();
const k = Number(args.folds);
if (args['cv-out']) {
  const lines: string[] = [];
  for (let fold = 0; fold < k; fold++) {
    const held = pages.filter((_, i) => i % k === fold);
    const weights = train(pages.filter((_, i) => i % k !== fold));
    for (const page of held) lines.push(JSON.stringify({ id: page.id, body: bodyOf(page, model(weights)) }));
  }
  writeFileSync(args['cv-out'], `${lines.join('\n')}\n`);
  console.log(`${k}-fold held-out bodies of ${pages.length} pages written to ${args['cv-out']}`);
}
if (args.write) {
  const weights = train(pages);
  const m = model(weights);
  const file = new URL('../../lib/block-model.ts', import.meta.url);
  const source = readFileSync(file, 'utf8').replace(
    /export const BLOCK_MODEL: BlockModel = \{[\s\S]*\};\n/,
    `export const BLOCK_MODEL: BlockModel = {\n  // ${FEATURES.join(', ')}\n  weights: [${weights.join(', ')}],\n  threshold: ${m.threshold},\n  keepInside: ${m.keepInside},\n};\n`,
  );
  writeFileSync(file, source);
  console.log(FEATURES.map((f, i) => `${f} ${weights[i]}`).join('\n'));
}
