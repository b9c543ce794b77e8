import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { BIN, SEEDS, cli, tempDir } from './helpers.js';

const seed = (n: string) => readFileSync(join(SEEDS, n, 'input.txt'), 'utf8');
const SEEDS_USED = ['seed-000-9a919d05340c30c3', 'seed-001-a3a907b2529063a9', 'seed-002-94ae060d2235aff0'];

/** Good records, broken JSON, JSON that is not an object, records without content, blank lines: all kinds a crawl holds. */
function mixedLines(n: number): string[] {
  const texts = SEEDS_USED.map(seed);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    switch (i % 7) {
      case 3:
        lines.push(`{"id": "r${i}", "text": "unterminated`);
        break;
      case 5:
        lines.push(i % 2 ? 'not json at all' : '[1, 2, 3]');
        break;
      case 6:
        lines.push(JSON.stringify({ id: `r${i}`, title: 'no content field here' }));
        break;
      default:
        lines.push(JSON.stringify({ id: `r${i}`, url: `https://example.org/${i}`, text: texts[i % texts.length], crawl: { batch: 7, n: i } }));
    }
  }
  return lines;
}

t.test('--errors inline: exactly one output line per input line, in order', async (t) => {
  const lines = mixedLines(28);
  const dir = tempDir();
  const file = join(dir, 'crawl.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  for (const jobs of ['1', '2']) {
    const r = await cli(['--errors', 'inline', '--jobs', jobs, file]);
    t.equal(r.code, 0, 'errors answered inline are output, not a failed run');
    const out = r.stdout.split('\n').slice(0, -1);
    t.equal(out.length, lines.length, `jobs ${jobs}: as many lines out as in`);
    out.forEach((line, i) => {
      const rec = JSON.parse(line) as { id: string; line?: number; error?: { code: string } };
      const input = lines[i]!;
      if (rec.error) {
        t.equal(rec.line, i + 1, `line ${i + 1}: the error record says which line`);
        t.notOk(input.includes('"text"') && input.endsWith('}'), `line ${i + 1}: only a bad line gets an error record`);
      } else {
        t.equal(rec.id, (JSON.parse(input) as { id: string }).id, `line ${i + 1}: the record of that line`);
      }
    });
    t.equal(r.stderr.trim().split('\n').length, out.filter((l) => l.includes('"error":')).length, 'each error is also told on stderr');
  }
});

t.test('without --errors inline, failures go to stderr only and the exit code is 1', async (t) => {
  const lines = mixedLines(14);
  const r = await cli(['--jobs', '1', '--input-format', 'jsonl'], lines.join('\n'));
  t.equal(r.code, 1);
  t.equal(r.records.length, lines.filter((l) => l.includes('"text"') && l.endsWith('}')).length);
  t.match(r.stderr, /normalize: -: line 4: not valid JSON/);
});

t.test('the same records through `parallel --pipe -N 50`', async (t) => {
  const which = spawnSync('parallel', ['--version'], { encoding: 'utf8' });
  if (which.error) {
    t.skip('GNU parallel is not installed (apt-get install parallel; .ci/run installs it)');
    return;
  }
  const lines = mixedLines(110);
  const dir = tempDir();
  const file = join(dir, 'crawl.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  const whole = await cli(['--errors', 'inline', '--jobs', '1', file]);
  const piped = spawnSync('parallel', ['--will-cite', '--pipe', '-N', '50', '-k', process.execPath, BIN, '--input-format', 'jsonl', '--errors', 'inline', '--jobs', '1'], {
    input: readFileSync(file),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  t.equal(piped.status, 0, piped.stderr);
  const outLines = piped.stdout.split('\n').slice(0, -1);
  t.equal(outLines.length, lines.length, 'one line out per line in, across partitions');
  // A partition reads stdin and counts its own lines, so source and line numbers
  // differ from the whole-file run; what each line became must not.
  const key = (l: string) => {
    const { source: _s, line: _l, id, ...rest } = JSON.parse(l) as Record<string, unknown>;
    return JSON.stringify(rest.error ? rest : { id, ...rest });
  };
  t.same(outLines.map(key).sort(), whole.stdout.split('\n').slice(0, -1).map(key).sort());
});

t.test('fields: other fields are carried under meta untouched; --no-carry drops them; field flags pick fields', async (t) => {
  const rec = {
    doc_id: 'd1',
    link: 'https://example.org/d1',
    page: seed(SEEDS_USED[0]!),
    text: 'a short text that must not be taken when --text-field names another field',
    ['__proto__']: { polluted: true },
    score: 0.75,
    tags: ['a', 'b'],
  };
  const line = `{"__proto__":{"polluted":true},${JSON.stringify(rec).slice(1)}`;
  const r = await cli(['--jobs', '1', '--input-format', 'jsonl', '--text-field', 'page', '--id-field', 'doc_id', '--url-field', 'link'], line + '\n');
  t.equal(r.code, 0, r.stderr);
  const out = r.records[0]!;
  t.equal(out.id, 'd1');
  t.equal(out.url, 'https://example.org/d1');
  t.match(out.body, /^With the final military defeat of ISIS/);
  t.same(Object.keys(out).at(-1), 'meta', 'meta comes last');
  const meta = out.meta as Record<string, unknown>;
  t.same(Object.keys(meta).sort(), ['__proto__', 'score', 'tags', 'text'].sort(), 'everything not consumed, nothing consumed');
  t.match(r.stdout, /"meta":\{"__proto__":\{"polluted":true\}/, '__proto__ stays a plain key, written back as it came');
  t.equal(({} as Record<string, unknown>).polluted, undefined);
  t.equal(meta.score, 0.75);
  t.same(meta.tags, ['a', 'b']);

  const dropped = await cli(['--jobs', '1', '--input-format', 'jsonl', '--no-carry', '--text-field', 'page'], line + '\n');
  t.notOk('meta' in dropped.records[0]!, '--no-carry: no meta');

  const html = await cli(['--jobs', '1', '--input-format', 'jsonl', '--html-field', 'markup'], JSON.stringify({ markup: '<html><body><article><p>' + 'A paragraph of the article that is long enough to be kept as the body of the page. '.repeat(3) + '</p></article></body></html>' }) + '\n');
  t.equal(html.records[0]!.format, 'html', '--html-field content is read as HTML');
  t.equal(html.records[0]!.id, 'stdin:1', 'a record without an id is named by its line');
});

t.test('a carried field nested deeper than JSON.stringify can recurse is still written back whole', async (t) => {
  const depth = 100_000;
  const deep = '['.repeat(depth) + ']'.repeat(depth);
  const line = `{"id":"deep","text":${JSON.stringify(seed(SEEDS_USED[1]!))},"extra":${deep},"n":1}`;
  // Through a worker: the record is serialized there, in a thread with a stack of its own.
  const r = await cli(['--jobs', '2', '--input-format', 'jsonl'], line + '\n');
  t.equal(r.code, 0, r.stderr);
  t.ok(r.stdout.endsWith(`,"meta":{"extra":${deep},"n":1}}\n`), 'meta written back as it came');
});
