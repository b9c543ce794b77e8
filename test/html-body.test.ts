import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { parsePage, stripMarkup } from '../lib/html/dom.js';
import { segmentHtml } from '../lib/html/extract-html.js';
import { precleanChrome } from '../lib/html/preclean.js';
import { resolveOptions } from '../lib/options.js';
import { normalizeDocument } from '../lib/index.js';

const ROOT = new URL('..', import.meta.url).pathname;
const fixture = (slug: string) => readFileSync(join(ROOT, 'corpus', slug, 'input.html'), 'utf8');
const BENCH = join(ROOT, '../shared/bench/article-extraction');
const html = (text: string, options: Parameters<typeof normalizeDocument>[1] = {}) => normalizeDocument({ bytes: Buffer.from(text), ext: '.html' }, options);

t.test('pre-clean takes out a cookie banner, share bar, newsletter and related blocks, and keeps the article', async (t) => {
  const { document } = parsePage(fixture('html-news-chrome'), 'linkedom', resolveOptions());
  precleanChrome(document);
  t.equal(document.querySelector('#onetrust-banner-sdk'), null, 'consent banner gone');
  t.equal(document.querySelector('.share-tools'), null, 'share bar gone');
  t.equal(document.querySelector('.newsletter-box'), null, 'newsletter box gone');
  t.equal(document.querySelector('.recommended'), null, 'recommended block gone');
  t.ok(document.querySelector('.article__body'), 'article body kept');

  const r = html(fixture('html-news-chrome'));
  t.match(r.body, /^De gemeente plant deze winter tweehonderd nieuwe bomen langs de Singel\./);
  t.match(r.body, /tweeduizend bomen bijplanten\.$/);
  t.match(r.body, /\n\nBewoners praten mee\n\n/, 'subheadings stay, as paragraphs');
  for (const chrome of ['Wij gebruiken cookies', 'Akkoord', 'Deel dit artikel', 'Lees ook', 'Zieke populieren', 'nieuwsbrief', 'Meer nieuws', 'Foto: Stadsblad', 'Alle rechten voorbehouden', 'Direct naar artikel']) {
    t.notOk(r.body.includes(chrome), `no "${chrome}"`);
  }
});

t.test('an article wrapper that carries a chrome word in its class is kept', async (t) => {
  const page = fixture('html-news-chrome').replace('class="article__body"', 'class="article__body has-share-bar field-label-hidden"');
  t.match(html(page).body, /^De gemeente plant/);
});

t.test('a short page that is all article is the article; a tree too deep to score goes to the text path', async (t) => {
  const content = '<div class="box"><p>Open Monday to Friday, 9 to 5.</p><p>Closed on public holidays.</p></div>';
  const page = (body: string) => `<!doctype html><html lang="en"><head><title>Opening hours</title></head><body><nav><a href="/">Home</a></nav>${body}</body></html>`;
  const segmented = (text: string, maxDepth?: number) =>
    segmentHtml({ id: 'hours', source: 'hours', format: 'html', text, inputBytes: text.length, meta: {} }, resolveOptions({ maxDepth }));
  const short = segmented(page(content));
  t.equal(short.bodyChosen, true, 'Readability found the little there is');
  t.same(short.blocks.map((b) => b.text), ['Open Monday to Friday, 9 to 5.', 'Closed on public holidays.']);

  const deep = segmented(page('<div>'.repeat(300) + content + '</div>'.repeat(300)));
  t.not(deep.bodyChosen, true, 'left for classify to choose');
  t.same(deep.blocks.map((b) => b.text), ['Open Monday to Friday, 9 to 5.', 'Closed on public holidays.'], 'the page text, without markup chrome');
  const hostile = page('<div>'.repeat(20_000) + content + '</div>'.repeat(20_000));
  t.throws(() => segmented(hostile), { code: 'too-deep' }, 'past the depth limit the page is an error');
  const allowed = segmented(hostile, 30_000);
  t.match(allowed.blocks.map((b) => b.text).join(' '), /Open Monday to Friday, 9 to 5\. ?Closed on public holidays\./, 'under a raised limit, nesting past any real page neither overflows the stack nor loses text');
});

t.test('--dom jsdom gives the same record as linkedom', async (t) => {
  for (const slug of ['html-wordpress', 'html-news-chrome', 'html-phpbb']) {
    const fast = html(fixture(slug));
    const exact = html(fixture(slug), { dom: 'jsdom' });
    t.same(exact, fast, slug);
  }
  t.throws(() => html('<p>x</p>', { dom: 'happy-dom' as 'jsdom' }), /dom must be one of linkedom, jsdom/);
});

t.test('--body-format markdown keeps headings, lists, emphasis and quotes', async (t) => {
  const md = html(fixture('html-wordpress'), { bodyFormat: 'markdown' }).body;
  t.match(md, /^## What you need$/m);
  t.match(md, /^- One or two fully ripe fruits from a plant you liked$/m);
  t.match(md, /it smells \*awful\*, which/);
  t.match(md, /^> Only save seed from open-pollinated varieties\./m);
  t.match(html(fixture('html-news-chrome'), { bodyFormat: 'markdown' }).body, /^\*\*De gemeente plant deze winter tweehonderd nieuwe bomen langs de Singel\.\*\* Het gaat/);
  const text = html(fixture('html-wordpress')).body;
  t.notMatch(text, /^## |^- |^> |\*awful\*/m, 'plain text has no Markdown marks');
  t.match(text, /^What you need$/m);
  t.throws(() => html('<p>x</p>', { bodyFormat: 'html' as 'text' }), /bodyFormat must be one of text, markdown/);
});

t.test('inert markup is cut in one linear scan', async (t) => {
  const { html: out, jsonLd } = stripMarkup('<p>a</p><script type="application/ld+json">{"@type":"Article"}</script><style>p{}</style><!-- note --><p>b</p>');
  t.equal(out, '<p>a</p><p>b</p>');
  t.same(jsonLd, ['{"@type":"Article"}']);
  t.equal(stripMarkup('<p>kept</p><!-- never closed <p>gone</p>').html, '<p>kept</p>');
  const prose = `<p>${'A paragraph of the article itself. '.repeat(5)}</p>`;
  t.equal(stripMarkup(`<nav><a>Home</a><nav><a>Sub</a></nav></nav>${prose}`).html, prose, 'nested chrome goes as one');
  t.equal(stripMarkup(`<nav>${prose}</nav>`).html, `<nav>${prose}</nav>`, "a chrome element wrapping most of the page stays");
  t.equal(stripMarkup('<p>kept</p><script>never closed').html, '<p>kept</p>', 'an unclosed script runs to the end, as in a browser');
  // Two megabytes of chrome that never closes: every tag is paired in one scan,
  // and an element never closed is no chrome to cut.
  const unclosed = '<nav><p>x</p>'.repeat(150_000);
  t.equal(stripMarkup(unclosed).html, unclosed);
});

t.test('benchmark pages: the body holds the article and little else', async (t) => {
  const truth = JSON.parse(readFileSync(join(BENCH, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
  const words = (s: string) => s.match(/\w+/gu) ?? [];
  // Every twentieth page, so that the sample is spread over sites and languages.
  const ids = readdirSync(join(BENCH, 'html'))
    .sort()
    .filter((_, i) => i % 20 === 0)
    .map((f) => f.replace('.html.gz', ''));
  for (const id of ids) {
    const r = normalizeDocument({ id, source: id, bytes: readFileSync(join(BENCH, 'html', `${id}.html.gz`)), ext: '.html' });
    const want = new Set(words(truth[id]!.articleBody));
    const got = words(r.body);
    const found = new Set(got);
    const recall = [...want].filter((w) => found.has(w)).length / want.size;
    const precision = got.filter((w) => want.has(w)).length / Math.max(got.length, 1);
    t.ok(recall > 0.9, `${id.slice(0, 8)}: word recall ${recall.toFixed(2)}`);
    t.ok(precision > 0.8, `${id.slice(0, 8)}: word precision ${precision.toFixed(2)}`);
    t.ok(r.title, `${id.slice(0, 8)}: has a title`);
  }
});
