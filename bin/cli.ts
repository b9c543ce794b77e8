import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
// Not lib/index.js: with worker threads this thread only reads and writes, and
// must not spend seconds loading the stages' DOM libraries.
import { normalizeToDir } from '../lib/batch.js';
import { describeFailure } from '../lib/errors.js';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_COMMENTS, DEFAULT_MAX_DEPTH, DEFAULT_MAX_LINE_CHARS, DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_NODES, DEFAULT_MAX_RATIO, DEFAULT_TIMEOUT_MS } from '../lib/options.js';
import { describeSummary, hadoopCounters, progressLine } from '../lib/progress.js';
import { type RunOptions, normalizePaths } from '../lib/run.js';

// The command line only turns flags into library options and outcomes into
// exit codes: 0 all documents done, 1 some failed, 2 the command was wrong.

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

// yargs drops a bare `-` from positionals, where it means stdin: it travels
// through parsing under another name (except as the value of -o).
const STDIN = '\0stdin';
const args = hideBin(process.argv).map((a, i, all) => (a === '-' && all[i - 1] !== '-o' && all[i - 1] !== '--output' ? STDIN : a));

const argv = await yargs(args)
  .scriptName('normalize')
  .usage('$0 [paths..]\n\nTurn web page dumps, HTML and JSONL into clean JSONL records: body, comments and metadata, chrome removed.\nNo path, or -, reads stdin.')
  .command('$0 [paths..]', false)
  .positional('paths', { type: 'string', array: true, default: [] as string[] })
  .option('output', { alias: 'o', type: 'string', describe: 'write JSONL here instead of stdout', requiresArg: true })
  .option('input-format', { choices: ['auto', 'text', 'html', 'jsonl', 'warc'] as const, default: 'auto' as const, describe: 'what the input is; auto looks at extension and content' })
  .option('ext', { type: 'string', array: true, describe: 'when walking directories, only files with these extensions (txt,html,...)', requiresArg: true })
  .option('explain', { type: 'boolean', default: false, describe: 'add to each record what was removed and by which rule' })
  .option('max-bytes', { type: 'number', default: DEFAULT_MAX_BYTES, describe: 'largest document accepted, in bytes (after gunzip)', requiresArg: true })
  .option('max-ratio', { type: 'number', default: DEFAULT_MAX_RATIO, describe: 'most gzip data may expand, per compressed byte, past its first 8 MiB (a gzip bomb)', requiresArg: true })
  .option('max-line-chars', { type: 'number', default: DEFAULT_MAX_LINE_CHARS, describe: 'longest line the text rules are given, in characters (text and HTML); a longer one fails the document', requiresArg: true })
  .option('max-comments', { type: 'number', default: DEFAULT_MAX_COMMENTS, describe: 'most comments a document may have; more fails the document', requiresArg: true })
  .option('max-depth', { type: 'number', default: DEFAULT_MAX_DEPTH, describe: 'HTML: most levels of nested elements; a deeper page fails', requiresArg: true })
  .option('max-nodes', { type: 'number', default: DEFAULT_MAX_NODES, describe: 'HTML: most elements in a page; more fails the page', requiresArg: true })
  .option('dom', { choices: ['linkedom', 'jsdom'] as const, default: 'linkedom' as const, describe: 'HTML: the DOM that parses pages; jsdom is spec-exact and much slower' })
  .option('body-format', { choices: ['text', 'markdown'] as const, default: 'text' as const, describe: 'body as plain text, or Markdown keeping headings, lists, emphasis and quotes' })
  .option('text-field', { type: 'string', describe: 'JSONL: the field holding plain text (default: text, content, body)', requiresArg: true })
  .option('html-field', { type: 'string', describe: 'JSONL: the field holding HTML (default: html, raw_html)', requiresArg: true })
  .option('url-field', { type: 'string', describe: 'JSONL: the field holding the URL (default: url)', requiresArg: true })
  .option('id-field', { type: 'string', describe: 'JSONL: the field holding the id (default: id)', requiresArg: true })
  .option('carry', { type: 'boolean', default: true, describe: "JSONL: keep the input record's other fields under meta (--no-carry drops them)" })
  .option('errors', { choices: ['stderr', 'inline'] as const, default: 'stderr' as const, describe: 'inline: also answer a failed document with an error record, one line out per line in' })
  .option('jobs', { alias: 'j', type: 'number', describe: 'worker threads (default: one per core)', requiresArg: true })
  .option('timeout-ms', { type: 'number', default: DEFAULT_TIMEOUT_MS, describe: 'abandon a document still running after this many ms, report it and go on (0: no limit)', requiresArg: true })
  .option('max-memory-mb', { type: 'number', default: DEFAULT_MAX_MEMORY_MB, describe: 'heap each worker thread may use, in MiB; a document needing more fails and its worker is replaced (0: no limit)', requiresArg: true })
  .option('out-dir', { type: 'string', describe: 'write one .jsonl per input file below DIR, mirroring the input tree', requiresArg: true })
  .option('shard-size', { type: 'number', describe: 'with --out-dir: one .jsonl per N documents of each input', requiresArg: true })
  .option('resume', { type: 'boolean', default: false, describe: 'with --out-dir: skip inputs (or shards) whose output is complete' })
  .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress and no summary line on stderr' })
  .option('counters', { type: 'boolean', default: false, describe: 'at the end, the counts as Hadoop Streaming counter lines on stderr' })
  .example('$0 < page.txt > page.jsonl', 'one page dump from stdin')
  .example('$0 saved-pages/ -o corpus.jsonl --ext txt,html', 'a whole directory tree')
  .example('$0 --explain page.html', 'show what was removed, and why')
  .example('zcat crawl.jsonl.gz | $0 --input-format jsonl', 'JSONL records with a text or html field')
  .example('$0 crawl/ --out-dir clean/ --resume', 'a corpus, one output per input file; rerun to continue')
  .example("parallel --pipe -N 1000 -k $0 --errors inline < in.jsonl", 'one line out per line in, as a pipeline stage')
  .check((a) => {
    for (const limit of ['max-bytes', 'max-ratio', 'max-line-chars', 'max-comments', 'max-depth', 'max-nodes'] as const) {
      if (!Number.isSafeInteger(a[limit]) || a[limit] <= 0) throw new Error(`--${limit} must be a positive whole number`);
    }
    if (a.paths.length === 0 && process.stdin.isTTY) throw new Error('no input: give paths, or pipe a document into stdin');
    if (a.jobs !== undefined && (!Number.isSafeInteger(a.jobs) || a.jobs < 1)) throw new Error('--jobs must be a whole number of at least 1');
    if (!Number.isSafeInteger(a['timeout-ms']) || a['timeout-ms'] < 0) throw new Error('--timeout-ms must be a whole number of at least 0');
    if (!Number.isSafeInteger(a['max-memory-mb']) || a['max-memory-mb'] < 0) throw new Error('--max-memory-mb must be a whole number of at least 0');
    if (a['shard-size'] !== undefined && (!Number.isSafeInteger(a['shard-size']) || a['shard-size'] < 1)) throw new Error('--shard-size must be a whole number of at least 1');
    if ((a['shard-size'] !== undefined || a.resume) && a['out-dir'] === undefined) throw new Error('--shard-size and --resume need --out-dir');
    if (a['out-dir'] !== undefined && a.output !== undefined) throw new Error('give --output or --out-dir, not both');
    return true;
  })
  .strict()
  .version(pkg.version)
  .help()
  .alias('h', 'help')
  .wrap(Math.min(100, process.stdout.columns || 100))
  .fail((msg, err) => {
    process.stderr.write(`normalize: ${msg ?? err?.message}\nTry 'normalize --help'.\n`);
    process.exit(2);
  })
  .parseAsync();

const output: Writable = argv.output ? createWriteStream(argv.output) : process.stdout;
let failed = false;

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  // The reader went away (`| head`): nothing left to do, and nothing to complain about.
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

// Ctrl-C, or a scheduler's TERM: the run stops reading, keeps what is finished
// (a batch drops its unfinished file, so --resume redoes it) and the exit code
// says which signal, as a shell's would: 128 + its number.
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
const stop = new AbortController();
let stoppedBy: keyof typeof SIGNAL_EXIT | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second signal does not wait for the first one's clean stop.
    if (stoppedBy) process.exit(SIGNAL_EXIT[signal]);
    stoppedBy = signal;
    stop.abort();
  });
}

// Progress only for a person watching: never in a log file or a pipeline's stderr.
const progress = !argv.quiet && process.stderr.isTTY ? progressLine(process.stderr) : null;
const inline = argv.errors === 'inline';
const options: RunOptions = {
  inputFormat: argv['input-format'],
  explain: argv.explain,
  maxBytes: argv['max-bytes'],
  maxRatio: argv['max-ratio'],
  maxLineChars: argv['max-line-chars'],
  maxComments: argv['max-comments'],
  maxDepth: argv['max-depth'],
  maxNodes: argv['max-nodes'],
  dom: argv.dom,
  bodyFormat: argv['body-format'],
  carry: argv.carry,
  errors: argv.errors,
  ...(argv.jobs !== undefined && { jobs: argv.jobs }),
  timeoutMs: argv['timeout-ms'],
  maxMemoryMb: argv['max-memory-mb'],
  resume: argv.resume,
  ...(argv['text-field'] !== undefined && { textField: argv['text-field'] }),
  ...(argv['html-field'] !== undefined && { htmlField: argv['html-field'] }),
  ...(argv['url-field'] !== undefined && { urlField: argv['url-field'] }),
  ...(argv['id-field'] !== undefined && { idField: argv['id-field'] }),
  ...(argv['shard-size'] !== undefined && { shardSize: argv['shard-size'] }),
  ...(progress && { onProgress: progress.update }),
  extensions: argv.ext?.flatMap((e) => e.split(',')).filter(Boolean),
  stdin: process.stdin,
  endOutput: output !== process.stdout,
  signal: stop.signal,
  onFailure: (f) => {
    // An error answered inline is part of the output, not a failure of the run.
    if (!inline) failed = true;
    progress?.clear();
    process.stderr.write(`normalize: ${describeFailure(f)}\n`);
  },
};

try {
  const paths = argv.paths.map((p) => (p === STDIN ? '-' : p));
  const summary = argv['out-dir'] !== undefined ? await normalizeToDir(paths, argv['out-dir'], options) : await normalizePaths(paths, output, options);
  progress?.clear();
  if (summary.documents === 0 && summary.resumed === 0) process.stderr.write('normalize: no documents found in the given paths\n');
  else if (!argv.quiet && (argv['out-dir'] !== undefined || process.stderr.isTTY)) process.stderr.write(`normalize: ${describeSummary(summary)}\n`);
  if (argv.counters) process.stderr.write(hadoopCounters(summary));
  process.exitCode = failed ? 1 : 0;
} catch (err) {
  if (stoppedBy) {
    progress?.clear();
    const resume = argv['out-dir'] !== undefined ? '; --resume continues from there' : '';
    process.stderr.write(`normalize: stopped by ${stoppedBy}: the documents finished before it are written${resume}\n`);
    // Exit now, not when the event loop empties: a read of stdin may still be pending.
    if (process.stdout.writableLength > 0) await once(process.stdout, 'drain');
    process.exit(SIGNAL_EXIT[stoppedBy]);
  }
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  progress?.clear();
  process.stderr.write(`normalize: ${argv.output ? `${argv.output}: ` : ''}${e.message}\n`);
  // No worker could even start: the setup is wrong, as with a wrong flag.
  process.exitCode = e.name === 'WorkerStartError' ? 2 : 1;
}
