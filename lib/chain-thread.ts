import { setFlagsFromString } from 'node:v8';
import { skipNodeListeners } from './html/dom.js';

/**
 * Sets up a thread that runs the chain and nothing else: each worker of the
 * CLI's pool, and the bench where it runs ours as such a worker does. Importing
 * the library does neither: both reach past the chain, into a caller's own
 * pages and objects.
 *
 * V8 moves an allocation site's objects straight into the old generation once
 * it sees most of them outlive a young-generation collection, and it comes to
 * that verdict about the chain's own sites (the decoded text, segment's blocks,
 * the block stats), though each document's objects die with it, a millisecond
 * or so later: they then wait for a full collection, and each scavenge promoted
 * ~3 MB instead of ~1 MB over the text dumps. Without it the text pass took
 * 0.20-0.23 s of CPU instead of 0.22-0.29 (seven runs in turn each), the HTML
 * pass 2.3-2.6 instead of 2.7, and peak memory fell by 10-20 MB. V8's flags are
 * the process's: this one reaches every thread of it, the CLI's main thread
 * too, whose objects (a document's bytes on their way) do not outlive a
 * document either.
 */
export function prepareChainThread(): void {
  skipNodeListeners();
  setFlagsFromString('--no-allocation-site-pretenuring');
}
