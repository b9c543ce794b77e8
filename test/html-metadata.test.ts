import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { parsePage } from '../lib/html/dom.js';
import { resolveOptions } from '../lib/options.js';
import { cleanAuthors, pageMetadata, toIsoDate } from '../lib/html/page-metadata.js';
import { normalizeDocument } from '../lib/index.js';
import { detectLanguage } from '../lib/language.js';

const ROOT = new URL('..', import.meta.url).pathname;
const fixture = (slug: string) => readFileSync(join(ROOT, 'corpus', slug, 'input.html'), 'utf8');
const metaOf = (html: string) => {
  const { document, jsonLd } = parsePage(html, 'linkedom', resolveOptions());
  return pageMetadata(document, jsonLd);
};
const BENCH = join(ROOT, '../shared/bench/article-extraction/html');

t.test('JSON-LD wins over OpenGraph, OpenGraph over Twitter and plain meta', async (t) => {
  const html = fixture('html-news-chrome');
  const full = metaOf(html);
  t.equal(full.title, 'Gemeente plant tweehonderd nieuwe bomen langs de Singel', 'JSON-LD headline, not twitter:title');
  t.same(full.authors, ['Daan van der Meer'], 'JSON-LD author, not the meta desk name "Redactie Stadsblad"');
  t.equal(full.description, 'De eerste bomen gaan in november de grond in.', 'og:description over meta description');
  t.equal(full.lang, 'nl');

  const noLd = metaOf(html.replace(/<script type="application\/ld\+json">[^<]*<\/script>/, ''));
  t.equal(noLd.title, 'Gemeente plant tweehonderd nieuwe bomen langs de Singel', 'og:title without JSON-LD');
  t.same(noLd.authors, [], 'a desk name in <meta name=author> is no author');
  t.equal(noLd.published, '2024-10-15T14:05:00+02:00', 'article:published_time without JSON-LD');

  const noOg = metaOf(html.replace(/<script type="application\/ld\+json">[^<]*<\/script>/, '').replace(/<meta property="og:title"[^>]*>/, ''));
  t.equal(noOg.title, 'Tweehonderd bomen voor de Singel', 'twitter:title when neither JSON-LD nor OpenGraph has one');

  const bare = metaOf(
    html
      .replace(/<script type="application\/ld\+json">[^<]*<\/script>/, '')
      .replace(/<meta property="og:title"[^>]*>/, '')
      .replace(/<meta name="twitter:title"[^>]*>/, ''),
  );
  t.equal(bare.title, 'Gemeente plant tweehonderd nieuwe bomen langs de Singel', '<title> without the site name after the bar');
});

t.test('JSON-LD @graph and author arrays', async (t) => {
  const wp = metaOf(fixture('html-wordpress'));
  t.equal(wp.title, 'Saving tomato seeds without the mould');
  t.same(wp.authors, ['Margaret Oyelaran']);
  t.equal(wp.site_name, 'The Allotment Diary');
  t.equal(wp.url, 'https://allotmentdiary.example/2024/09/saving-tomato-seeds/');
  const disqus = metaOf(fixture('html-disqus'));
  t.same(disqus.authors, ['Tomasz Wilk', 'Elena Rossi']);
  t.equal(disqus.published, '2024-03-02T07:00:00Z');
});

t.test('a benchmark page whose JSON-LD names its author only by @id', async (t) => {
  const bytes = readFileSync(join(BENCH, '360c732d1fdbfc6895d7096c0c0b8c0d581bb1af80160f4c6a0f1fd9ff85e469.html.gz'));
  const r = normalizeDocument({ id: 'cityam', source: 'cityam', bytes, ext: '.html' });
  t.equal(r.title, 'Alibaba to raise up to $12.9bn in landmark Hong Kong listing');
  t.same(r.authors, ['Anna Menin'], 'falls back to <meta name=author> or the markup');
  t.equal(r.published, '2019-11-20T09:22:35+00:00');
  t.equal(r.site_name, 'CityAM');
  t.equal(r.url, 'https://www.cityam.com/alibaba-to-raise-up-to-12-9bn-in-landmark-hong-kong-listing/');
  t.equal(r.lang, 'en');
});

t.test('author names are cleaned', async (t) => {
  t.same(cleanAuthors('By Jane Roe and John Doe'), ['Jane Roe', 'John Doe']);
  t.same(cleanAuthors('Par Claire Dumoulin'), ['Claire Dumoulin']);
  t.same(cleanAuthors('Amy Kuperinsky | NJ Advance Media for NJ.com'), ['Amy Kuperinsky'], 'the employer after the bar is dropped');
  t.same(cleanAuthors('https://www.facebook.com/someone'), [], 'a profile URL is no name');
  t.same(cleanAuthors('Reuters Staff'), [], 'a desk is no person');
  t.same(cleanAuthors('DAAN VAN DER MEER'), ['Daan van der Meer']);
});

t.test('dates become ISO 8601', async (t) => {
  t.equal(toIsoDate('2024-02-11T16:20:05+0000'), '2024-02-11T16:20:05+00:00');
  t.equal(toIsoDate('2019-11-20 09:22:35'), '2019-11-20T09:22:35');
  t.equal(toIsoDate('2024-04-03'), '2024-04-03');
  t.equal(toIsoDate('1707668405'), '2024-02-11T16:20:05Z', 'Unix seconds (IPS quote stamps)');
  t.equal(toIsoDate('03-14-2021, 07:12 PM'), '2021-03-14T19:12', 'vBulletin month-first');
  t.equal(toIsoDate('14.03.2021'), '2021-03-14', 'dotted dates are day-first');
  t.equal(toIsoDate('20 de mayo de 2023, 18:26'), '2023-05-20T18:26', 'written dates in other languages');
  t.equal(toIsoDate('2024-13-01'), null, 'no month 13');
  t.equal(toIsoDate('yesterday evening'), null);
});

t.test('language: markup first, else detected from the body', async (t) => {
  const withLang = normalizeDocument({ bytes: Buffer.from(fixture('html-phpbb')), ext: '.html' });
  t.equal(withLang.lang, 'de');
  const withoutLang = normalizeDocument({ bytes: Buffer.from(fixture('html-phpbb').replace(' lang="de"', '')), ext: '.html' });
  t.equal(withoutLang.lang, 'de', 'detected from the German body');
  t.equal(detectLanguage(normalizeDocument({ bytes: Buffer.from(fixture('html-generic-comments')), ext: '.html' }).body), 'fr');
  t.equal(detectLanguage(normalizeDocument({ bytes: Buffer.from(fixture('html-blogger')), ext: '.html' }).body), 'es');
  t.equal(detectLanguage('Ok.'), null, 'too little text to say');
});

t.test('bylines in the markup when no metadata names the author', async (t) => {
  const page = (prefix: string) => {
    const file = readdirSync(BENCH).find((f) => f.startsWith(prefix))!;
    return normalizeDocument({ id: prefix, source: prefix, bytes: readFileSync(join(BENCH, file)), ext: '.html' });
  };
  t.same(page('7de524').authors, ['Tom Davies'], 'the byline link, without the agency and date beside it');
  t.same(page('0d4612').authors, [], 'an agency credit names no person, and a related story’s byline is not this one’s');
});
