import { MAX_NESTING } from './dom-blocks.js';

/**
 * Chrome that markup names for what it is, removed before the article is looked
 * for: navigation, banners, consent notices, share bars, related-article and
 * newsletter boxes, captions and credits, forms and hidden elements. Names are
 * matched as whole parts of class and id values (`article-share-bar` has the
 * part `share`), in the languages the text rules cover.
 */

const CHROME_TAGS = new Set('nav aside footer form button select input textarea dialog menu figcaption'.split(' '));

const CHROME_ROLES = new Set('navigation banner contentinfo complementary dialog alertdialog search menu menubar toolbar'.split(' '));

// Words that name chrome wherever they stand in a class or id, as a whole part
// between separators: `share` matches `article-share-bar`, not `shared`.
const CHROME_PARTS = new RegExp(
  '(?:^|[\\s_-])(?:' +
    [
      'cookies?', 'consent', 'gdpr', 'cookiebar', 'cookiebot', 'onetrust', 'didomi',
      'share', 'sharing', 'sharebar', 'social', 'sociallinks', 'addthis', 'sharethis', 'shariff',
      'related', 'recommended', 'recommendations', 'recirc', 'outbrain', 'taboola', 'mostread', 'most-read', 'more-stories', 'readmore', 'read-more',
      'newsletter', 'subscribe', 'subscription', 'signup', 'sign-up', 'paywall', 'regwall', 'promo', 'donate', 'donation',
      'advert', 'advertisement', 'adslot', 'ad-slot', 'ad-container', 'sponsor', 'sponsored',
      'breadcrumbs?', 'pagination', 'skip-link', 'skiplink', 'navbar', 'masthead', 'sidebar',
      'byline', 'author-bio', 'author-box', 'dateline', 'timestamp', 'image-credit', 'photo-credit', 'wp-caption-text',
      'teilen', 'partager', 'compartir', 'condividi', 'partilhar', 'delen', 'verwandt', 'empfehlungen', 'anzeige', 'werbung', 'publicite', 'publicidad', 'pubblicita', 'publicidade', 'reclame',
    ].join('|') +
    ')(?:$|[\\s_-])',
  'i',
);
// Words too common as modifiers (`field-label-hidden`, `menu-item-text`) to
// count anywhere but as a whole class or id.
const CHROME_TOKENS = new Set(
  'ad ads adv banner caption credit credits follow hidden menu modal overlay popup popular pager print tags tag-list taglist trending toolbar visually-hidden sr-only screen-reader-text keywords categories'.split(' '),
);
// Names that mark the article itself, which may carry a chrome word too
// (`article-body has-share-bar`).
const CONTENT_NAMES = /article|content|entry|post-body|story|main/i;
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/**
 * A candidate with this much text, mostly outside links, is prose: the article
 * in a misleadingly named wrapper, never a share bar or a list of teasers.
 */
const PROSE_CHARS = 1000;
const PROSE_LINK_SHARE = 0.3;

/** Removes marked-up chrome from the document in place, in one walk. */
export function precleanChrome(document: Document): void {
  const body = document.body ?? document.documentElement;
  if (!body) return;
  // Found once: a query per chrome candidate would compile its selector each time.
  const articles = [...document.querySelectorAll('article, main, [itemprop="articleBody"]')];
  const visit = (el: Element, level: number) => {
    if (level > MAX_NESTING) return;
    for (let child = el.firstElementChild; child; ) {
      const next = child.nextElementSibling;
      // Hidden is hidden whatever it holds, as Readability and a browser see it.
      if (isHidden(child) || (isChrome(child) && !isWrapper(child, articles))) child.remove();
      else visit(child, level + 1);
      child = next;
    }
  };
  visit(body, 0);
}

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return !!style && HIDDEN_STYLE.test(style);
}

function isChrome(el: Element): boolean {
  if (CHROME_TAGS.has(el.tagName.toLowerCase())) return true;
  const role = el.getAttribute('role');
  if (role && CHROME_ROLES.has(role)) return true;
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.trim();
  if (!names || CONTENT_NAMES.test(names)) return false;
  return CHROME_PARTS.test(names) || names.toLowerCase().split(/\s+/).some((t) => CHROME_TOKENS.has(t));
}

function isWrapper(el: Element, articles: Element[]): boolean {
  if (articles.some((a) => a !== el && el.contains(a))) return true;
  const len = (el.textContent ?? '').length;
  if (len < PROSE_CHARS) return false;
  let links = 0;
  for (const a of el.getElementsByTagName('a')) links += (a.textContent ?? '').length;
  return links < len * PROSE_LINK_SHARE;
}
