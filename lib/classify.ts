import type { ClassifiedDocument, LabelledBlock, SegmentedDocument } from './types.js';

/**
 * The classify stage: decides what each block is. First cut: the first block
 * is the title and the rest is body; the chrome rules replace this.
 */
export function classify(doc: SegmentedDocument): ClassifiedDocument {
  const blocks: LabelledBlock[] = doc.blocks.map((b, i) => ({ ...b, role: i === 0 && !doc.bodyChosen ? 'title' : 'body' }));
  return { ...doc, blocks, removed: [] };
}
