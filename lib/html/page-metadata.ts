import { parseDate } from '../metadata.js';
import type { Metadata } from '../types.js';

/**
 * Metadata a page states about itself, most trustworthy source first: JSON-LD
 * (what publishers feed to search engines), then OpenGraph, Twitter cards, plain
 * `<meta>` names, and last the markup itself (`<title>`, `<time>`, `<html lang>`).
 */
export function pageMetadata(document: Document, jsonLd: string[]): Partial<Metadata> {
  const ld = articleObjects(jsonLd);
  const meta = new MetaTags(document);
  const pick = (...values: (string | null | undefined)[]) => {
    for (const v of values) {
      const s = v?.replace(/\s+/g, ' ').trim();
      if (s) return s;
    }
    return null;
  };
  const ldString = (key: string) => pick(...ld.map((o) => asText(o[key])));
  const canonical = document.querySelector('link[rel~="canonical"]')?.getAttribute('href');
  const titleTag = document.querySelector('title')?.textContent;
  const title = pick(ldString('headline'), meta.get('og:title'), meta.get('twitter:title'), meta.get('dc.title'), titleTag && stripSiteName(titleTag), document.querySelector('h1')?.textContent);
  const site = pick(meta.get('og:site_name'), ...ld.map((o) => nameOf(o.publisher)), meta.get('application-name'), meta.get('publisher'));
  // Sources in order of trust; the body is searched only when the head says nothing.
  const iso = (d: string | null | undefined) => (d ? toIsoDate(d) : null);
  const outside = outsideOtherTexts(document);
  const published = firstValue([
    () => ld.map((o) => iso(asText(o.datePublished) ?? asText(o.dateCreated))),
    () => DATE_NAMES.map((n) => iso(meta.get(n))),
    () => [iso(document.querySelector('time[itemprop="datePublished"], time[pubdate], article time[datetime]')?.getAttribute('datetime'))],
    () => {
      const el = document.querySelector('[itemprop="datePublished"], abbr.published[title]');
      return [iso(el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? el?.getAttribute('title'))];
    },
    () => [iso(document.querySelector('time[datetime]')?.getAttribute('datetime'))],
    () => outside(DATE_MARKUP).map((el) => (el.textContent && el.textContent.length < MAX_LINE ? parseDate(el.textContent.replace(/\s+/g, ' ').trim()) : null)),
  ]);
  const authors = firstList([
    () => ld.flatMap((o) => authorNames(o.author)).flatMap(cleanAuthors),
    () => AUTHOR_NAMES.flatMap((n) => meta.getAll(n)).flatMap(cleanAuthors),
    () => [...document.querySelectorAll('[itemprop="author"] [itemprop="name"], [rel="author"]')].flatMap((e) => cleanAuthors(e.textContent ?? '')),
    () => bylineNames(outside),
  ]);
  const lang = pick(document.documentElement?.getAttribute('lang'), document.documentElement?.getAttribute('xml:lang'), meta.get('content-language'), meta.get('og:locale'), ldString('inLanguage'));
  return {
    url: pick(canonical, meta.get('og:url'), ldString('url')),
    title,
    authors,
    published,
    site_name: site,
    lang: lang ? toIsoLanguage(lang) : null,
    description: pick(ldString('description'), meta.get('og:description'), meta.get('twitter:description'), meta.get('description')),
  };
}

const DATE_NAMES = [
  'article:published_time', 'og:published_time', 'datepublished', 'date', 'pubdate', 'publishdate', 'publish-date', 'dc.date', 'dc.date.issued',
  'dcterms.created', 'sailthru.date', 'parsely-pub-date', 'article.published',
];
const AUTHOR_NAMES = ['author', 'article:author', 'dc.creator', 'parsely-author', 'sailthru.author', 'byl'];

/** The first value a source gives, each source tried only when those before it gave none. */
function firstValue(sources: (() => (string | null)[])[]): string | null {
  for (const source of sources) for (const v of source()) if (v) return v;
  return null;
}

/** The first non-empty list a source gives, each tried only when those before it gave none. */
function firstList(sources: (() => string[])[]): string[] {
  for (const source of sources) {
    const list = source();
    if (list.length) return list;
  }
  return [];
}

// Where pages show their byline and date when no metadata names them.
// Most specific first: a byline's links name people; the byline itself may
// run names, dates and roles together.
const BYLINE_MARKUP = ['[class*="author"] a, [class*="byline"] a', '[class*="author-name"], [rel="author"]', '[class*="byline"], [class*="author"]'];
const BYLINE_BOX = '[class*="author"], [class*="byline"]';
const DATE_MARKUP = 'time, [class*="date"], [class*="publish"]';
const MAX_LINE = 120;
/** Markup candidates looked at: the byline is near the top, and the page may be long. */
const MAX_CANDIDATES = 30;

// Comments, related-story teasers and sidebars carry bylines of other texts.
const OTHER_TEXTS = '[class*="comment"], [id*="comment"], [class*="related"], [class*="recommend"], [class*="teaser"], aside, nav, footer';

/**
 * Elements matching the selectors that are not part of a comment, teaser or
 * sidebar. Those are found once per page, on first need: `closest` would
 * compile their selector again for every candidate.
 */
function outsideOtherTexts(document: Document): (selectors: string) => Element[] {
  let others: Set<Element> | null = null;
  const inOther = (el: Element) => {
    others ??= new Set(document.querySelectorAll(OTHER_TEXTS));
    for (let a: Element | null = el; a; a = a.parentElement) if (others.has(a)) return true;
    return false;
  };
  return (selectors) => {
    const found: Element[] = [];
    for (const el of document.querySelectorAll(selectors)) {
      if (inOther(el)) continue;
      found.push(el);
      if (found.length === MAX_CANDIDATES) break;
    }
    return found;
  };
}

// A person's name as bylines print it: two to four capitalised words, name
// particles inside.
const PERSON = /^\p{Lu}[\p{L}\p{M}'’.-]*(?: (?:\p{Lu}[\p{L}\p{M}'’.-]*|van|von|der|den|de|da|di|du|del|le|la|ter|ten)){1,3}$/u;

/**
 * The names in the page's first byline: the first element that holds only
 * names ("By Jane Roe and John Doe"), with its siblings in the same byline.
 */
function bylineNames(outside: (selectors: string) => Element[]): string[] {
  const namesOf = (el: Element) => {
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const names = text && text.length <= MAX_LINE ? cleanAuthors(text) : [];
    return names.length <= 4 && names.every((n) => PERSON.test(n)) ? names : [];
  };
  for (const selector of BYLINE_MARKUP) {
    const candidates = outside(selector);
    const first = candidates.findIndex((el) => namesOf(el).length);
    if (first === -1) continue;
    const box = candidates[first]!.parentElement?.closest(BYLINE_BOX) ?? null;
    const together = candidates.slice(first).filter((el, i) => i === 0 || (box !== null && box.contains(el)));
    return [...new Set(together.flatMap(namesOf))].slice(0, 4);
  }
  return [];
}

type LdObject = Record<string, unknown>;

const ARTICLE_TYPES = /^(?:\w*Article|BlogPosting|SocialMediaPosting|DiscussionForumPosting|Report|WebPage|ItemPage|QAPage|Question|Review|LiveBlogPosting)$/;

/**
 * The JSON-LD objects that describe the page, articles before generic web
 * pages; `@graph` containers and arrays are flattened. Broken JSON is skipped.
 */
export function articleObjects(blocks: string[]): LdObject[] {
  const found: LdObject[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 4 || typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    const o = v as LdObject;
    if (Array.isArray(o['@graph'])) visit(o['@graph'], depth + 1);
    const types = ([] as unknown[]).concat(o['@type'] ?? []).map(String);
    if (types.some((t) => ARTICLE_TYPES.test(t))) found.push(o);
  };
  for (const text of blocks) {
    try {
      visit(JSON.parse(text.trim().replace(/^<!\[CDATA\[|\]\]>$/g, '')), 0);
    } catch {
      // a publisher's broken JSON-LD says nothing we can use
    }
  }
  const rank = (o: LdObject) => (([] as unknown[]).concat(o['@type']).some((t) => /Page$|Question/.test(String(t))) ? 1 : 0);
  return found.sort((a, b) => rank(a) - rank(b));
}

function asText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return asText(v[0]);
  return null;
}

function nameOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return nameOf(v[0]);
  if (typeof v === 'object' && v !== null) return asText((v as LdObject).name);
  return null;
}

function authorNames(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(authorNames);
  const name = nameOf(v);
  return name ? [name] : [];
}

/** `<meta>` values by lower-cased name or property, in page order. */
class MetaTags {
  private readonly values = new Map<string, string[]>();
  constructor(document: Document) {
    for (const m of (document.head ?? document).querySelectorAll('meta[content]')) {
      const key = (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop') ?? m.getAttribute('http-equiv'))?.toLowerCase().trim();
      const content = m.getAttribute('content')?.trim();
      if (!key || !content) continue;
      const list = this.values.get(key);
      if (list) list.push(content);
      else this.values.set(key, [content]);
    }
  }
  get(key: string): string | undefined {
    return this.values.get(key)?.[0];
  }
  getAll(key: string): string[] {
    return this.values.get(key) ?? [];
  }
}

// "Headline | Site", "Headline - Site", "Headline — Site": the last part names the site.
const TITLE_SEPARATOR = /\s+[|–—·•»-]\s+/;

function stripSiteName(title: string): string {
  const parts = title.trim().split(TITLE_SEPARATOR);
  if (parts.length < 2) return title;
  const head = parts.slice(0, -1).join(' - ');
  return head.split(/\s+/).length >= 3 ? head : title;
}

const BYLINE = /^(?:(?:written|posted|reported)\s+)?(?:by|von|par|por|di|door|de|da)\s+|^(?:authors?|autor(?:in|en)?|auteurs?|autor[ei]s?|autore|autori)\s*:\s*/i;
// Desks, agencies and the links next to a byline ("View more articles") are no names.
const NOT_A_NAME =
  /^(?:https?:|www\.)|@|\.(?:com|org|net|de|fr|es|it|nl|co\.uk)\b|\b(?:staff|news desk|editorial|media|press|agency|redaktion|rédaction|redacción|redazione|redactie|view|more|all|articles|posts|stories|profile|follow|contact|mehr|alle|artikel|plus|más|artículos|altri|articoli|mais|artigos|artikelen)\b/i;

/**
 * Names as a reader writes them: "By Jane Roe and John Doe" gives two, a profile
 * URL or a desk name gives none, an all-caps byline is set in title case.
 */
export function cleanAuthors(raw: string): string[] {
  // What follows a bar or a dash is a role or an employer ("Jane Roe | Staff Writer").
  const [names = ''] = raw.replace(/\s+/g, ' ').trim().replace(BYLINE, '').split(/\s+[|–—-]\s+|\s*\|\s*/);
  return names
    .split(/\s*(?:,|;|\||&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b)\s*/i)
    .map((n) => n.replace(/^[\s"'“”]+|[\s"'“”.:]+$/g, ''))
    .filter((n) => n && n.length <= 60 && n.split(' ').length <= 5 && /\p{L}/u.test(n) && !NOT_A_NAME.test(n))
    .map((n) => (n === n.toUpperCase() && /\p{Lu}{2}/u.test(n) ? titleCase(n) : n));
}

// Lower-case words inside names (Jan van der Meer, Ana da Silva).
const PARTICLES = new Set('van von der den de da di del della dos das do du le la zu ter ten'.split(' '));

/** A shouted name as it is written: DAAN VAN DER MEER → Daan van der Meer. */
function titleCase(name: string): string {
  return name
    .toLowerCase()
    .split(' ')
    .map((w, i) => (i > 0 && PARTICLES.has(w) ? w : w.replace(/(^|['’-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase())))
    .join(' ');
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/;

/**
 * A date as ISO 8601: ISO-like strings are tidied (space → `T`, `+0100` →
 * `+01:00`), anything else goes through the written-date parser; impossible
 * dates give null.
 */
export function toIsoDate(value: string): string | null {
  const v = value.trim();
  const m = ISO.exec(v);
  if (m) {
    const [, y, mo, d, h, mi, s, zone] = m;
    // Placeholders such as 0001-01-01 are no publication date.
    if (+y! < 1900 || +mo! < 1 || +mo! > 12 || +d! < 1 || +d! > 31) return null;
    if (h === undefined) return `${y}-${mo}-${d}`;
    const z = zone ? (zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`) : '';
    return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${z}`;
  }
  if (/^\d{10}$/.test(v)) return new Date(+v * 1000).toISOString().replace('.000', '');
  return numericDate(v) ?? parseDate(v);
}

// 03-14-2021, 07:12 PM (forum software); 14.03.2021 19:12 (European).
const NUMERIC_DATE = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?:\s*([ap])\.?m\.?)?)?$/i;

/**
 * A numeric day and month: with dots the day comes first; with dashes or
 * slashes the month does, as American forum software writes it, unless the
 * first number cannot be a month.
 */
function numericDate(v: string): string | null {
  const m = NUMERIC_DATE.exec(v);
  if (!m) return null;
  const [, a, sep, b, y, h, mi, ampm] = m;
  const dayFirst = sep === '.' || +a! > 12;
  const [d, mo] = dayFirst ? [+a!, +b!] : [+b!, +a!];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  if (h === undefined) return date;
  const hour = (+h % 12) + (ampm?.toLowerCase() === 'p' ? 12 : ampm ? 0 : +h >= 12 ? 12 : 0);
  return `${date}T${pad(ampm ? hour : +h)}:${mi}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `en-US`, `en_GB`, `EN` → `en`. */
export function toIsoLanguage(tag: string): string | null {
  const m = /^([a-z]{2,3})(?:[-_]|$)/i.exec(tag.trim());
  return m ? m[1]!.toLowerCase() : null;
}
