import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import t from 'tap';
import { markupShape, parsePage, stripMarkup } from '../lib/html/dom.js';
import { normalizeDocument } from '../lib/index.js';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES, resolveOptions } from '../lib/options.js';
import { SEEDS, cli, tempDir } from './helpers.js';

// The DOM limits of the HTML path (--max-depth, --max-nodes): each crossed by
// one, through the library and the CLI; the scan that checks them before any
// DOM is built, held to the DOM linkedom builds; and the tag soup that used to
// crash the parse or Readability.

const ARTICLE =
  '<p>The ferry crossed the harbour in eleven minutes, and the new batteries were charged at the quay while passengers boarded.</p>' +
  '<p>The council expects the second boat to enter service in spring, once the charging mast on the north shore is finished.</p>';

/** A page whose elements nest `levels` deep around its article: html, body, the divs, p. */
const nested = (levels: number) => `<!doctype html><html><body>${'<div>'.repeat(levels - 3)}${ARTICLE}${'</div>'.repeat(levels - 3)}</body></html>`;
/** A page of exactly `elements` elements: html, head, title, body, ul, and list items. */
const wide = (elements: number) =>
  `<!doctype html><html><head><title>Ferry timetable</title></head><body><ul>${'<li>Departs at the hour and half past</li>'.repeat(elements - 5)}</ul></body></html>`;

const html = (text: string, options = {}) => normalizeDocument({ id: 'page', text, format: 'html' }, options);

t.test('--max-depth: a page at the limit is a record, one level past it an error', async (t) => {
  t.match(html(nested(40), { maxDepth: 40 }).body, /ferry crossed the harbour/);
  t.throws(() => html(nested(41), { maxDepth: 40 }), { code: 'too-deep', message: /nested 41 deep.*--max-depth \(40\)/ });
  // Deeper than Readability can score, under the limit: the text path still finds the article.
  t.match(html(nested(400)).body, /ferry crossed the harbour/, 'a moderately deep page is read by the text path');
  t.throws(() => html(nested(DEFAULT_MAX_DEPTH + 1)), { code: 'too-deep' }, 'the default limit holds');
});

t.test('--max-nodes: a page at the limit is a record, one element past it an error', async (t) => {
  t.match(html(wide(300), { maxNodes: 300 }).body, /Departs at the hour/);
  t.throws(() => html(wide(301), { maxNodes: 300 }), { code: 'too-many-nodes', message: /301 elements.*--max-nodes \(300\)/ });
  t.throws(() => html(wide(DEFAULT_MAX_NODES + 1)), { code: 'too-many-nodes' }, 'the default limit holds');
});

t.test('limits are options like any other: validated, with defaults', async (t) => {
  t.equal(resolveOptions().maxDepth, DEFAULT_MAX_DEPTH);
  t.equal(resolveOptions().maxNodes, DEFAULT_MAX_NODES);
  t.throws(() => resolveOptions({ maxDepth: 0 }), /maxDepth must be a positive integer/);
  t.throws(() => resolveOptions({ maxNodes: 1.5 }), /maxNodes must be a positive integer/);
});

/** How deep linkedom's tree for this markup nests, walked without recursion. */
function domDepth(markup: string): number {
  const root = parseHTML(`<!doctype html>${markup}`).document;
  let deepest = 0;
  const stack: [Element, number][] = [...root.children].map((el) => [el as unknown as Element, 1]);
  while (stack.length) {
    const [el, level] = stack.pop()!;
    deepest = Math.max(deepest, level);
    for (const child of el.children) stack.push([child, level + 1]);
  }
  return deepest;
}

t.test('the scan before parsing nests elements as the parser does', async (t) => {
  const soups = {
    'paragraphs left open': '<html><body><p>one<p>two<p>three<div>block<p>four</div></body></html>',
    'list items and cells left open': '<ul><li>a<li>b<ul><li>c<li>d</ul><li>e</ul><table><tr><td>1<td>2<tr><td>3</table>',
    'void elements and stray closing tags': '<div><img src=a.png><br><hr></span></b><input value="x"><p>text</div></div></div>',
    'quoted ">" and "<" inside attribute values': '<div title="a > b <em>"><a href="/x?a<b">link</a></div>',
    'markup inside a title is text': '<html><head><title>Why <div><div><div> is bad</title></head><body><p>x</p></body></html>',
    'never closed': '<div><section><article><div><p>open to the end',
  };
  for (const [name, markup] of Object.entries(soups)) t.equal(markupShape(markup).depth, domDepth(markup), name);
  for (const slug of readdirSync(SEEDS).filter((s) => s.startsWith('html-'))) {
    const stripped = stripMarkup(readFileSync(join(SEEDS, slug, 'input.html'), 'utf8')).html;
    t.equal(markupShape(stripped).depth, domDepth(stripped), slug);
  }
});

t.test('tag soup: whatever stands outside <html> or <body> ends up in the body, in page order', async (t) => {
  const soup = 'Opening words<p>first</p><html lang="de"><head><title>T</title></head><p>between</p><body><p>inside</p></body></html><p>after</p><!doctype html><p>last</p>';
  const { document } = parsePage(soup, 'linkedom', resolveOptions());
  t.equal(document.documentElement.localName, 'html');
  t.equal(document.documentElement.getAttribute('lang'), 'de', 'the page’s own <html> is kept');
  t.same(
    [...document.documentElement.children].map((el) => el.localName),
    ['head', 'body'],
  );
  t.match(document.body.textContent, /^Opening words\s*first\s*between\s*inside\s*after\s*last$/);
  t.match(html(soup).body, /inside/, 'Readability runs on it without falling over');
});

t.test('a class attribute of 300,000 names is cut to its first distinct ones, not a stack overflow', async (t) => {
  const names = Array.from({ length: 300_000 }, (_, i) => `c${i}`).join(' ');
  const record = html(`<html><body><div class="${names}">${ARTICLE}</div></body></html>`);
  t.match(record.body, /ferry crossed the harbour/);
  const { document } = parsePage(`<div class="story ${names}">x</div>`, 'linkedom', resolveOptions());
  const kept = document.querySelector('div')!.classList;
  t.ok(kept.contains('story') && kept.length === 256, `the first 256 names stay (${kept.length})`);
});

t.test('CLI: --max-depth and --max-nodes fail one page, the pages around it come out', async (t) => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.html'), readFileSync(join(SEEDS, 'html-wordpress', 'input.html')));
  writeFileSync(join(dir, 'b-deep.html'), nested(60));
  writeFileSync(join(dir, 'c-wide.html'), wide(2_000));
  writeFileSync(join(dir, 'd.html'), readFileSync(join(SEEDS, 'html-phpbb', 'input.html')));
  const files = ['a.html', 'b-deep.html', 'c-wide.html', 'd.html'];
  const alone = await cli(['--jobs', '1', 'a.html', 'd.html'], undefined, dir);
  const run = await cli(['--jobs', '1', '--errors', 'inline', '--max-depth', '50', '--max-nodes', '1000', ...files], undefined, dir);
  t.equal(run.code, 0, 'inline errors: exit 0');
  const bySource = new Map(run.records.map((r) => [r.source, r]));
  t.same(run.records.map((r) => r.source), files, 'one line out per page, in order');
  t.same(bySource.get('b-deep.html')?.error, { code: 'too-deep', message: 'elements nested 60 deep, past the depth limit --max-depth (50)' });
  t.same(bySource.get('c-wide.html')?.error, { code: 'too-many-nodes', message: '2000 elements, more than --max-nodes (1000)' });
  t.same([bySource.get('a.html'), bySource.get('d.html')], alone.records, 'the pages around them come out as they do alone');
  t.match(run.stderr, /normalize: b-deep\.html: .*--max-depth \(50\)/);
  t.match(run.stderr, /normalize: c-wide\.html: .*--max-nodes \(1000\)/);

  const defaults = await cli(['--jobs', '1', 'b-deep.html', 'c-wide.html'], undefined, dir);
  t.equal(defaults.code, 0, 'both pages are within the default limits');
  t.equal(defaults.records.length, 2);

  const bad = await cli(['--max-depth', '0', 'a.html'], undefined, dir);
  t.equal(bad.code, 2, 'a limit of 0 is a usage error');
  t.match(bad.stderr, /--max-depth must be a positive whole number/);
});
