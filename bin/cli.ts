import { createWriteStream, readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { DEFAULT_MAX_BYTES, describeFailure, normalizePaths } from '../lib/index.js';

// The command line only turns flags into library options and outcomes into
// exit codes: 0 all documents done, 1 some failed, 2 the command was wrong.

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const argv = await yargs(hideBin(process.argv))
  .scriptName('normalize')
  .usage('$0 [paths..]\n\nTurn web page dumps, HTML and JSONL into clean JSONL records: body, comments and metadata, chrome removed.\nNo path, or -, reads stdin.')
  .command('$0 [paths..]', false)
  .positional('paths', { type: 'string', array: true, default: [] as string[] })
  .option('output', { alias: 'o', type: 'string', describe: 'write JSONL here instead of stdout', requiresArg: true })
  .option('input-format', { choices: ['auto', 'text', 'html', 'jsonl'] as const, default: 'auto' as const, describe: 'what the input is; auto looks at extension and content' })
  .option('ext', { type: 'string', array: true, describe: 'when walking directories, only files with these extensions (txt,html,...)', requiresArg: true })
  .option('explain', { type: 'boolean', default: false, describe: 'add to each record what was removed and by which rule' })
  .option('max-bytes', { type: 'number', default: DEFAULT_MAX_BYTES, describe: 'largest document accepted, in bytes (after gunzip)', requiresArg: true })
  .example('$0 < page.txt > page.jsonl', 'one page dump from stdin')
  .example('$0 saved-pages/ -o corpus.jsonl --ext txt,html', 'a whole directory tree')
  .example('$0 --explain page.html', 'show what was removed, and why')
  .example('zcat crawl.jsonl.gz | $0 --input-format jsonl', 'JSONL records with a text or html field')
  .check((a) => {
    if (!Number.isSafeInteger(a['max-bytes']) || a['max-bytes'] <= 0) throw new Error('--max-bytes must be a positive whole number');
    if (a.paths.length === 0 && process.stdin.isTTY) throw new Error('no input: give paths, or pipe a document into stdin');
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

try {
  const summary = await normalizePaths(argv.paths, output, {
    inputFormat: argv['input-format'],
    explain: argv.explain,
    maxBytes: argv['max-bytes'],
    extensions: argv.ext?.flatMap((e) => e.split(',')).filter(Boolean),
    stdin: process.stdin,
    endOutput: output !== process.stdout,
    onFailure: (f) => {
      failed = true;
      process.stderr.write(`normalize: ${describeFailure(f)}\n`);
    },
  });
  if (summary.documents === 0) process.stderr.write('normalize: no documents found in the given paths\n');
  process.exitCode = failed ? 1 : 0;
} catch (err) {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`normalize: ${argv.output ? `${argv.output}: ` : ''}${e.message}\n`);
  process.exitCode = 1;
}
