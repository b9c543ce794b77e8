import { DocumentError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import type { ExtractedDocument } from './types.js';

/**
 * Where the text and the HTML paths meet, comments are counted. Past the limit
 * the document fails whole rather than losing the comments past it: a thread
 * cut short would look complete in the corpus, and a rerun with a higher limit
 * gets the page back whole.
 */
export function limitComments(doc: ExtractedDocument, options: Pick<ResolvedOptions, 'maxComments'>): ExtractedDocument {
  if (doc.comments.length > options.maxComments) {
    throw new DocumentError('too-many-comments', `${doc.comments.length} comments, more than --max-comments (${options.maxComments})`);
  }
  return doc;
}
