import type { Block } from '../types.js';
import { ALL_CUES, ANY_TEXT, type CueSource, cueClass, finerCuesOf, scriptOf, shapeCue, unitCue, wholeWords } from './cue-words.js';
import type { Rule } from './rule.js';

/**
 * A page rule reads a block through its view (below), which pageChromeKind works
 * out once for all the rules; called on its own, a rule works it out itself.
 */
export interface PageRule extends Rule {
  matches(block: Block, view?: BlockView): boolean;
  /** What a block must have for the rule to take it: `matches` checks it first, pageChromeKind asks no rule about a block without it. */
  needs: Needs;
  /** needs.cue, or ANY_TEXT for a rule without one: pageChromeKind asks the rule about a block whose cues share a bit with it. */
  cue: number;
  /** `matches` for a block that has what the rule needs. */
  test(block: Block, view: BlockView): boolean;
}

interface Needs {
  /** The text is shorter than this. */
  shorterThan: number;
  /** The view's digit is true. */
  digit?: boolean;
  /** A cueClass bit the view's `cues` has: the block holds one of the words the rule's pattern cannot match without. */
  cue?: number;
  /** A phraseStart bit the view's `starts` has: the block may start with one of a list's phrases. */
  start?: number;
}

// Every rule is made here, in one shape: pageChromeKind reads them all at one place.
function pageRule({ kind, needs, test, examples }: Omit<PageRule, 'matches' | 'cue'>): PageRule {
  const { shorterThan, digit = false, cue = ANY_TEXT, start = 0 } = needs;
  return {
    kind,
    needs,
    cue,
    test,
    matches: (block, v = blockView(block)) =>
      block.text.length < shorterThan && (!digit || v.digit) && (v.cues & cue) !== 0 && (!start || (v.starts & start) !== 0) && test(block, v),
    examples,
  };
}

// String methods, called as `charCodeAt.call(text, i)`. A block's text comes as any of a
// string's representations (one- or two-byte; flat, sliced, cons, thin), more than an
// inline cache keeps: `text.charCodeAt` loaded off it is a megamorphic load, a hash-table
// probe at every call, where through a module's own constant the optimising compiler calls
// the method inline (an imported one it does not: measured 3x slower). For the same reason
// a text's length is read off String(text), the string itself, which it then knows for one.
const charCodeAt = String.prototype.charCodeAt;
const slice = String.prototype.slice;
const startsWith = String.prototype.startsWith;
const includes = String.prototype.includes;
const indexOf = String.prototype.indexOf;
const lastIndexOf = String.prototype.lastIndexOf;
// What a read past a text's end gives instead of charCodeAt's NaN: one read there undoes
// the inline read at its site (the compiler deoptimises and calls the method from then on).
const END = -1;

// Chrome is short: a rule that fires on a long block would be eating prose.
// Word counts are cheap (one pass over the text) and every rule bounds them.
function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  const length = String(text).length;
  for (let i = 0; i < length; i++) {
    const space = charCodeAt.call(text, i) === 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

const isAsciiLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;

// A list marker as segment prints it, so that `* Share` is still a share button.
const MARKER_SOURCE = '(?:[*+•·▪◦‣o-]|\\d{1,3}[.)])\\s+';
const MARKER = `(?:${MARKER_SOURCE})?`;

/**
 * Whether a code unit (ASCII lower-cased, as the view gives it) may be one of the
 * ASCII `chars` to a case-insensitive pattern: a look at one unit that spares
 * most blocks a pattern. Every unit beyond ASCII may: case folding takes `ſ` to
 * `s` and the Kelvin sign to `k`.
 */
function mayBe(chars: string): (c: number) => boolean {
  const table = new Uint8Array(128);
  for (const c of chars.toLowerCase()) table[c.charCodeAt(0)] = 1;
  return (c) => c >= 128 || table[c] === 1;
}

/**
 * One regex from a phrase list: case-insensitive, whole words, at the start of
 * the block (after a list marker) or (anchored=false) anywhere. Phrases are
 * literals, so the alternation cannot backtrack beyond the longest phrase.
 */
function phrases(list: readonly string[], anchored: boolean): RegExp {
  const alt = alternation(list);
  return anchored ? new RegExp(`^${MARKER}(?:${alt})(?![\\p{L}\\p{N}])`, 'iu') : new RegExp(`\\b(?:${alt})\\b`, 'i');
}

function alternation(list: readonly string[]): string {
  return branches(list).join('|');
}
const branches = (list: readonly string[]) => list.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));

/** What a cue class reads off a phrase list that phrases() makes a pattern of, anchored or not: each phrase is whole words. */
const phraseCues = (list: readonly string[]): CueSource => wholeWords(branches(list));

/**
 * The bit of BlockView.starts that says a block may start with one of the phrases (or words), at its
 * start or after a list marker: a walk of the phrases as far as the block goes with one.
 */
function phraseStart(list: readonly string[]): number {
  const bit = 1 << phraseLists++;
  for (const p of list) {
    if (!isAsciiLetter(p.charCodeAt(0))) {
      if (p.charCodeAt(0) < 128) noLetterLists |= bit;
      else SCRIPT_LISTS[scriptOrThrow(p, 0)]![0]! |= bit;
      continue;
    }
    let state = 0;
    let at = 0;
    for (; at < p.length; at++) {
      const c = p.charCodeAt(at);
      if (c >= 128) break;
      const letter = isAsciiLetter(c);
      // A space stands for the run of spaces the pattern's \s+ takes.
      const key = letter ? state * 26 + (c | 32) - 97 : state * 128 + (isSpace(c) ? 32 : c);
      let next = letter ? PHRASE_NEXT[key]! : (OTHER_NEXT.get(key) ?? DEAD);
      if (next === DEAD) {
        next = PHRASE_LISTS.length;
        PHRASE_LISTS.push(0);
        for (const lists of SCRIPT_LISTS) lists.push(0);
        PHRASE_NEXT.push(...new Array<number>(26).fill(DEAD));
        if (letter) PHRASE_NEXT[key] = next;
        else OTHER_NEXT.set(key, next);
      }
      state = next;
    }
    // A block that runs into a unit of another script, or into none, goes on with no such phrase (see phrasesAt).
    if (at < p.length) SCRIPT_LISTS[scriptOrThrow(p, at)]![state]! |= bit;
    else PHRASE_LISTS[state]! |= bit;
  }
  return bit;
}
function scriptOrThrow(p: string, at: number): number {
  const script = scriptOf(p.charCodeAt(at));
  if (script < 0 || isSpace(p.charCodeAt(at))) throw new Error(`phrase ${p}: ${p[at]} is of no script the cues know`);
  return script;
}
// Every phrase phraseStart is given, each list a bit, in a trie: a state's 26
// moves by ASCII letter (case aside) in PHRASE_NEXT, its moves by another ASCII
// unit (any run of spaces one space) in OTHER_NEXT, the lists whose phrase ends
// at it in PHRASE_LISTS, and those whose phrase goes on from it with a letter of
// a script in SCRIPT_LISTS[script]: a block's start is walked once for them all.
let phraseLists = 0;
const DEAD = -1;
const PHRASE_NEXT: number[] = new Array<number>(26).fill(DEAD);
const OTHER_NEXT = new Map<number, number>();
const PHRASE_LISTS: number[] = [0];
const SCRIPT_LISTS: number[][] = [[0], [0], [0]];
// The lists with a phrase that starts with no letter.
let noLetterLists = 0;
// A bit beyond the lists', set for a text with no letter at `from`.
const NO_LETTERS = 1 << 30;

/**
 * The lists one of whose phrases the text may start with at `from` (case aside,
 * a run of ASCII spaces for a space): those whose phrase it holds there up to a
 * unit that is no letter, and where it runs into a unit beyond ASCII, those
 * whose phrase may go on there. A letter of a script the cues know (scriptOf,
 * which no unit of another nor ASCII matches, case aside) may go on a phrase that
 * goes on with a letter of its script; general punctuation other than a space
 * (’ “ —, in no phrase) goes on none. Every list (-1) after any other unit, a
 * space among them, or one a case-insensitive pattern may read as a letter (`ſ`
 * as `s`). Where the text has no letter at `from`, NO_LETTERS and the lists with
 * a phrase that starts so; every list where it has a unit beyond ASCII there
 * that is no letter of a script the cues know nor general punctuation.
 */
function phrasesAt(text: string, length: number, from: number): number {
  let c = from < length ? charCodeAt.call(text, from) : END;
  if (!isAsciiLetter(c)) {
    if (c >= 128 && !isSpace(c)) {
      const script = scriptOf(c);
      if (script >= 0) return SCRIPT_LISTS[script]![0]!;
      if (c < 0x2010 || c > 0x205e) return -1;
    } else if (c >= 128) return -1;
    return NO_LETTERS | noLetterLists;
  }
  let lists = 0;
  let state = 0;
  let at = from;
  for (;;) {
    if (isAsciiLetter(c)) {
      state = WALK_NEXT[(state << 5) + (c | 32) - 97]!;
      if (state === DEAD) return lists;
      c = ++at < length ? charCodeAt.call(text, at) : END;
      continue;
    }
    // The end of a word: the phrases that end here.
    lists |= WALK_LISTS[state]!;
    if (c >= 128) {
      if (isSpace(c)) return -1;
      const script = scriptOf(c);
      if (script >= 0) return lists | SCRIPT_LISTS[script]![state]!;
      return c < 0x2010 || c > 0x205e ? -1 : lists;
    }
    // The text's end or another ASCII unit, a run of spaces as one.
    if (c === END) return lists;
    const space = isSpace(c);
    state = OTHER_NEXT.get(state * 128 + (space ? 32 : c)) ?? DEAD;
    if (state === DEAD) return lists;
    if (space) while (isSpace((c = ++at < length ? charCodeAt.call(text, at) : END)) && c < 128);
    else c = ++at < length ? charCodeAt.call(text, at) : END;
  }
}

/** A rule for short blocks that start with one of the phrases. */
function phraseRule(kind: string, list: readonly string[], maxWords: number, examples: Rule['examples']): PageRule {
  const re = phrases(list, true);
  return pageRule({
    kind,
    needs: { shorterThan: maxWords * 12, start: phraseStart(list) },
    test: (block) => re.test(block.text) && wordCount(block.text) <= maxWords,
    examples,
  });
}

const skipLink = phraseRule(
  'skip-link',
  [
    'skip to', 'jump to', 'skip navigation', 'zum inhalt', 'direkt zum', 'zur navigation', 'aller au contenu', 'passer au contenu',
    'aller à la navigation', 'saltar al contenido', 'ir al contenido', 'salta al contenuto', 'vai al contenuto', 'pular para',
    'ir para o conteúdo', 'naar de inhoud', 'ga naar de inhoud', 'spring naar', 'naar hoofdinhoud',
  ],
  6,
  {
    removes: ['Skip to Content', 'Jump to content', 'Skip to main content', 'Zum Inhalt springen', 'Aller au contenu principal', 'Saltar al contenido'],
    keeps: ['Skip to the end of the story and you will find that nobody survived the winter.'],
  },
);

const COOKIE_WORDS = ['cookie', 'cookies'];
const cookieWord = phrases(COOKIE_WORDS, false);
const cookieVerb = phrases(
  [
    'we use', 'uses', 'use of', 'accept', 'consent', 'agree', 'privacy', 'verwendet', 'verwenden', 'nutzt', 'nutzen', 'akzeptieren',
    'einverstanden', 'datenschutz', 'utilise', 'utilisons', 'accepter', 'acceptez', 'utiliza', 'utilizamos', 'usamos', 'aceptar',
    'aceptas', 'utilizza', 'utilizziamo', 'accetta', 'accetto', 'consenso', 'usa', 'aceitar', 'aceito', 'gebruikt', 'gebruiken', 'akkoord',
    'accepteren',
  ],
  false,
);
const cookieNotice = pageRule({
  kind: 'cookie-notice',
  needs: { shorterThan: 900, cue: cueClass(phraseCues(COOKIE_WORDS)) },
  test: (block) => cookieWord.test(block.text) && cookieVerb.test(block.text),
  examples: {
    removes: [
      'This website uses cookies to improve your experience. By continuing to use the site you accept our use of cookies.',
      'Diese Website verwendet Cookies. Mit der Nutzung stimmen Sie der Verwendung von Cookies zu.',
      'Nous utilisons des cookies pour vous garantir la meilleure expérience. En poursuivant, vous acceptez leur utilisation.',
    ],
    keeps: ['Bake the cookies for twelve minutes, until the edges are golden.', 'Accept the things you cannot change.'],
  },
});

// Buttons that share or follow: every word of the block is one of these.
const SHARE_WORDS = new Set(
  (
    'share shares shared sharing tweet tweets email e-mail mail print facebook twitter whatsapp linkedin pinterest reddit tumblr ' +
    'telegram flipboard pocket messenger google+ google plus pin it copy link url sms this article story post on via ' +
    'follow us like recommend save comment comments teilen twittern drucken merken folgen partager imprimer envoyer suivre ' +
    'compartir imprimir enviar seguir condividi stampa invia segui compartilhar compartilhe partilhar delen printen volg ' +
    'the with friends your a to other sites by per par por via link lien enlace copy copier kopieren copiar copia correo ' +
    'envoyer enviar inviare verstuur mailen x en on op su no na auf sur em le de het el il kopiëren kopieer deel dit artikel comparte esto pin it'
  ).split(' '),
);
// A row of buttons holds one of these, or is one network's name alone (branches of a pattern).
const SHARE_CORE_WORDS = [
  'share', 'shares', 'tweet', 'teilen', 'partager', 'compartir', 'condividi', 'compartilh\\w*', 'partilhar', 'delen', 'deel', 'comparte', 'pin it',
  'follow', 'email', 'e-mail', 'copy link', 'copier le lien', 'link kopieren', 'link kopiëren', 'copiar link', 'copiar enlace', 'copia link',
  'enviar por correo',
];
const SHARE_ALONE = ['facebook', 'twitter', 'whatsapp', 'linkedin', 'pinterest', 'reddit', 'print'];
const SHARE_CORE = new RegExp(`\\b(?:${SHARE_CORE_WORDS.join('|')})(?![\\p{L}\\p{N}])|^(?:${SHARE_ALONE.join('|')})$`, 'iu');
// "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube."
const FOLLOW_WORDS = ['follow', 'folgen sie', 'suivez', 'síguenos', 'seguici', 'siga', 'sigue', 'volg'];
const FOLLOW = new RegExp(`^(?:${FOLLOW_WORDS.join('|')})\\b`, 'i');
const NETWORK = /\b(?:facebook|twitter|instagram|youtube|linkedin|pinterest|tiktok|whatsapp|telegram|snapchat)\b/gi;
const CJK_SHARE_WORDS = ['シェアする', 'シェア', 'ツイート', 'はてなブックマーク', '読者になる', '分享', '分享到'];
const CJK_SHARE = new RegExp(`^(?:この記事を)?(?:${CJK_SHARE_WORDS.join('|')})$`);
const CJK_SHARE_MAX = 'この記事をはてなブックマーク'.length;
const shareWord = (w: string) => SHARE_WORDS.has(w) || /^@\w+$/.test(w) || /^\d+$/.test(w);
// Whether a row of buttons may start with a share word (separators read as
// spaces). Most short lines fail here, at one test. Unicode case folding
// accepts every spelling whose lower case is a share word, and a few more
// (ſ for s), so the words are still checked one by one after it.
const SHARE_FIRST = new RegExp(`^[\\s:|·•,]*(?:${alternation([...SHARE_WORDS])}|@\\w+|\\d+)(?=[\\s:|·•,]|$)`, 'iu');
// And before that, at its first word (wordKey), or where it has none, at the separator, digit or @ it starts with.
const SHARE_HEAD = phraseStart([...SHARE_WORDS]);
const SHARE_LEAD = mayBe('@0123456789:|, \t\n\v\f\r');
const FOLLOW_START = mayBe('fsv');
const sharePrompt = pageRule({
  kind: 'share-prompt',
  needs: {
    shorterThan: 200,
    cue: cueClass(
      wholeWords(SHARE_CORE_WORDS),
      wholeWords(SHARE_ALONE),
      wholeWords(FOLLOW_WORDS),
      wholeWords(CJK_SHARE_WORDS),
    ),
  },
  test(block, v) {
    // The Japanese and Chinese buttons start beyond the kana.
    if (v.length <= CJK_SHARE_MAX && v.first >= 0x3000 && CJK_SHARE.test(block.text)) return true;
    if (FOLLOW_START(v.first) && FOLLOW.test(block.text) && (block.text.match(NETWORK)?.length ?? 0) >= 2) return true;
    if (v.length > 90) return false;
    const raw = bodyOf(v);
    // Most short lines fail at their first word: look at it before cleaning the line up.
    const head = (v.bodyStarts & SHARE_HEAD) !== 0 || ((v.bodyStarts & NO_LETTERS) !== 0 && SHARE_LEAD(v.bodyFirst));
    if (!head || !SHARE_FIRST.test(raw)) return false;
    const text = raw.replace(/[:|·•,]+/g, ' ').trim();
    if (!SHARE_CORE.test(text)) return false;
    const words = text.toLowerCase().split(/\s+/);
    return words.length <= 8 && words.every(shareWord);
  },
  examples: {
    removes: ['この記事をシェアする', 'はてなブックマーク', 'Comparte esto:', 'Pin it', 'Deel dit artikel', 'Email this story', 'Share by email', 'Share on X', 'Compartir en WhatsApp', 'Enviar por correo', 'Copier le lien', 'Link kopiëren', 'Share on other sites', 'Follow @rheytah Tweet', 'Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.', 'Share this:', '* Facebook', 'Tweet', 'Share this article', 'Teilen'],
    keeps: ['Share prices fell sharply on Monday after the announcement.', 'Facebook shares fell 5%', 'Twitter users were furious.'],
  },
});

const RELATED = [
    'recommended for you', 'recommended', 'related', 'related articles', 'related posts', 'related stories', 'related content',
    'related news', 'read more', 'read next', 'more from', 'more stories', 'more on this', 'you may also like', 'you might also like',
    'you may be interested', 'most popular', 'most read', 'most viewed', 'trending', 'recent posts', 'latest news', 'top stories',
    'editor\'s picks', 'further reading', 'see also', 'also read', 'lesen sie auch', 'mehr zum thema', 'das könnte sie auch interessieren',
    'weitere artikel', 'meistgelesen', 'à lire aussi', 'lire aussi', 'sur le même sujet', 'vous aimerez aussi', 'les plus lus',
    'noticias relacionadas', 'te puede interesar', 'también te puede interesar', 'artículos relacionados', 'lo más leído', 'leggi anche',
    'articoli correlati', 'potrebbe interessarti', 'i più letti', 'leia também', 'veja também', 'notícias relacionadas', 'mais lidas',
    'lees ook', 'meer over', 'gerelateerde artikelen', 'meest gelezen', 'more stories like this', 'want more stories', 'like this story',
    'related coverage', 'related topics', 'around the web', 'from the web', 'promoted stories', 'sponsored stories',
    'see more', 'about this article', 'about the author', 'über den autor', 'über die autorin', 'zum autor', 'à propos de l\'auteur', 'sobre el autor', 'sobre la autora',
    'sull\'autore', 'sobre o autor', 'sobre a autora', 'over de auteur', 'читайте также', 'смотрите также', '関連記事', '人気記事',
    'おすすめ記事', '相关文章', '相关阅读', 'media contact', 'press contact', 'media contacts', 'pressekontakt', 'contact presse',
    'contacto de prensa', 'contatto stampa', 'contato de imprensa', 'contato para imprensa', 'perscontact',
  ];
const relatedHeading = phrases(RELATED, true);
// "Related: 7 Strange Signs You're Having an Allergic Reaction", "READ MORE: ...": a link under a label.
const relatedLead = new RegExp(`^${MARKER}(?:${alternation(RELATED)})\\s*:`, 'iu');
const relatedLinks = pageRule({
  kind: 'related-links',
  needs: { shorterThan: 241, start: phraseStart(RELATED) },
  test(block) {
    // A lead's phrase is followed by a colon, so the heading pattern matches it too: one test turns most blocks away.
    if (!relatedHeading.test(block.text)) return false;
    if (relatedLead.test(block.text)) return wordCount(block.text) <= 25;
    return wordCount(block.text) <= 5;
  },
  examples: {
    removes: [
      'Recommended For You',
      'Most Popular',
      'Related Articles',
      'Lesen Sie auch',
      'À lire aussi',
      'Leggi anche:',
      "Related: 7 Strange Signs You're Having an Allergic Reaction",
      'SEE MORE: Hong Kong protests: 800 students under siege in university',
    ],
    keeps: ['Related research has shown that the effect fades within a year.', 'Read more about the study in the journal Nature, published this week.'],
  },
});

const signInPrompt = phraseRule(
  'sign-in-prompt',
  [
    'sign in', 'sign up', 'log in', 'login', 'log out', 'register', 'create an account', 'create account', 'already have an account',
    'already a subscriber', 'my account', 'anmelden', 'einloggen', 'registrieren', 'konto erstellen', 'se connecter', 'connexion',
    's\'inscrire', 'créer un compte', 'iniciar sesión', 'regístrate', 'registrarse', 'crear cuenta', 'accedi', 'registrati', 'entrar',
    'inscreva-se', 'criar conta', 'inloggen', 'registreren', 'account aanmaken',
  ],
  9,
  {
    removes: ['Sign In Now', 'Already have an account? Sign in here.', 'Register a new account', 'Create an account or sign in to comment', '* Sign In'],
    keeps: ['Sign up for a Hulu ad-free account for $11.99 a month', 'Register offices across the country reported long queues on Monday morning.'],
  },
);

// A lone "Subscribe" button, or a longer line that asks for an e-mail address.
const NEWSLETTER_WORDS = [
  'newsletter', 'newsletters', 'subscribe', 'subscribers', 'subscription', 'abonnieren', 'abonnement', 'abonnez-vous', 's\'abonner',
  'suscríbete', 'suscribirse', 'iscriviti', 'abbonati', 'assine', 'assinar', 'abonneer', 'abonneren', 'nieuwsbrief',
];
const NEWSLETTER_ASKS = [
  'our newsletter', 'the newsletter', 'subscribe to', 'sign up for', 'your inbox', 'enter your email', 'your email address',
  'other subscribers', 'newsletter abonnieren', 'unseren newsletter', 'notre newsletter', 'inscrivez-vous', 'nuestro boletín',
  'nuestra newsletter', 'la nostra newsletter', 'nossa newsletter', 'onze nieuwsbrief',
];
const newsletterWord = phrases(NEWSLETTER_WORDS, false);
const newsletterAsk = phrases(NEWSLETTER_ASKS, false);
// Both lists in one scan: most lines hold neither.
const newsletterAny = phrases([...NEWSLETTER_WORDS, ...NEWSLETTER_ASKS], false);
// Scripts outside ASCII have no \b: "Подписывайтесь на наш канал в Telegram".
const SUBSCRIBE_WORDS_CYRILLIC = ['подписывайтесь', 'подпишитесь'];
const SUBSCRIBE_CYRILLIC = new RegExp(`^(?:${SUBSCRIBE_WORDS_CYRILLIC.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
const newsletterPrompt = pageRule({
  kind: 'newsletter-prompt',
  needs: { shorterThan: 301, cue: cueClass(phraseCues(NEWSLETTER_WORDS), phraseCues(NEWSLETTER_ASKS), wholeWords(SUBSCRIBE_WORDS_CYRILLIC)) },
  test(block, v) {
    const cyrillic = v.first >= 0x400 && SUBSCRIBE_CYRILLIC.test(block.text);
    if (!cyrillic && !newsletterAny.test(block.text)) return false;
    const word = newsletterWord.test(block.text);
    const ask = cyrillic || newsletterAsk.test(block.text);
    if (!word && !ask) return false;
    const words = wordCount(block.text);
    return (words <= 6 && word) || (words <= 30 && ask);
  },
  examples: {
    removes: [
      'Click here to subscribe to The Paradigm Newsletter',
      'Subscribe',
      'Sign up for our newsletter and go inside the world of music, culture and entertainment.',
      'Join 513 other subscribers',
    ],
    keeps: [
      'Disney’s tech teams isolated the problem, Mayer said, and “patched” the software as the company continued to sign up additional subscribers throughout the week.',
    ],
  },
});

const DONATION_WORDS = ['donat(?:e|es|ed|ing|ion|ions)', 'spenden?', 'faire un don', 'donar', 'donaci[oó]n', 'donazion[ei]', 'doaç(?:ão|ões)', 'doneer', 'doneren'];
const donationWord = new RegExp(`\\b(?:${DONATION_WORDS.join('|')})\\b`, 'i');
const appealWord = /\b(?:support|help us|our work|our readers|keep going|independent journalism|unterstützen|unterstützt|soutenez|soutenir|apoya|apóyanos|sostieni|sostenere|apoie|steun)\b/i;
const donationAppeal = pageRule({
  kind: 'donation-appeal',
  needs: { shorterThan: 600, cue: cueClass(wholeWords(DONATION_WORDS)) },
  test: (block) => donationWord.test(block.text) && appealWord.test(block.text),
  examples: {
    removes: [
      'Consider donating to support our work',
      'Help us to produce more articles like this. FreeWestMedia is depending on donations from our readers to keep going. With your help, we expose the mainstream fake news agenda.',
    ],
    keeps: ['The foundation said donations had fallen by a third since the scandal broke in the spring.'],
  },
});

// Lynx prints an image as its file name, often in brackets and twice over; a
// caption whose image follows it ends with the bracketed name.
const IMAGE_EXTENSIONS = ['jpe?g', 'png', 'gif', 'webp', 'svg', 'bmp', 'tiff?', 'avif'];
const EXTENSION = `\\.(?:${IMAGE_EXTENSIONS.join('|')})`;
const FILE = `\\[?[\\w.%~+-]{1,120}${EXTENSION}\\]?`;
const ONLY_FILES = new RegExp(`^${FILE}(?: ${FILE}){0,2}$`, 'i');
const ENDS_WITH_FILE = new RegExp(`\\[[\\w.%~+-]{1,120}${EXTENSION}\\]$`, 'i');
const FILE_END = mayBe('gfp]');
const imageFilename = pageRule({
  kind: 'image-filename',
  // An extension follows a full stop and is followed by a bracket, a space or the end.
  needs: { shorterThan: 401, cue: cueClass(wholeWords(IMAGE_EXTENSIONS)) },
  test(_block, v) {
    // Both patterns end with an extension's last letter or a bracket: most lines end otherwise.
    if (!FILE_END(v.last)) return false;
    const text = bodyOf(v);
    return ONLY_FILES.test(text) || ENDS_WITH_FILE.test(text);
  },
  examples: {
    removes: [
      'tag_reuters-3.jpg',
      'reuters_logo.jpg',
      '[blank_1x1.gif]',
      'apple-iphone-11-pro-colors-091019.jpg apple-iphone-11-pro-colors-091019.jpg',
      "Inverted 'T' design for arrow keys [33622-59474-16-inch-Arrow-Keys-l.jpg]",
    ],
    keeps: ['The file was saved as photo.jpg on the desktop.', 'image.jpg and other formats'],
  },
});

// A photo caption ends with its credit: "REUTERS/Alaa Al-Faqir", "(AP Photo/Toby Talbot)",
// "Photo: John Locher, AP". Only the tail is searched, so the bounded repeats stay linear.
const CREDIT_WORDS = [
  'REUTERS', 'AFP', 'AP', 'EPA', 'Getty Images', 'Shutterstock', 'iStock', 'Xinhua', 'dpa', 'ANP', 'Photo', 'Photos', 'Foto', 'Fotos', 'Image', 'Images',
  'Picture', 'Credit', 'Crédit', 'Bild', 'Imagen', 'Immagine',
];
const AGENCY_CREDIT = new RegExp(`\\b(?:${CREDIT_WORDS.join('|')})\\b\\s*(?:[/:]|by\\b)[^.]{0,50}$`);
const CREDIT_CUE = cueClass(wholeWords(CREDIT_WORDS));
const CREDIT_AT = new RegExp(`(?:${CREDIT_WORDS.join('|')})\\b`, 'y');
// A byline's leads (a caption's tail holds "by" too) and a press release's source label, its name on the next line.
const BYLINE_LEADS = ['by', 'von', 'par', 'por', 'di', 'de', 'door', 'text:', 'texte:', 'texto:', 'testo:', 'tekst:', 'written by', 'words by', 'reporting by'];
const PROVIDERS = ['provided', 'supplied', 'distributed'];
const BYLINE_CUE = cueClass(wholeWords(BYLINE_LEADS), wholeWords(PROVIDERS));
const SLASH_CUE = unitCue('/');
const COLON_CUE = unitCue(':');
// A bracket: a caption's closing one, the widget's opening one.
const BRACKET_CUE = unitCue('[)');
const PAREN_CREDIT = /Photo |Photo:|Photo\/|Foto |Foto:|Foto\/|via AP|Getty|Reuters|REUTERS|AFP|YouTube|Shutterstock|iStock|[Cc]ourtesy|Image:|Credit|Crédit/;
function endsWithCredit(v: BlockView): boolean {
  const { text, length, cues } = v;
  if (v.last === 41 /* ) */) {
    const open = lastIndexOf.call(text, '(');
    return open >= 0 && length - open <= 110 && PAREN_CREDIT.test(slice.call(text, open));
  }
  // AGENCY_CREDIT ends with its separator or non-full-stops: a sentence's full stop ends none.
  if (v.last === 46 /* . */) return false;
  // The tail is searched in place before it is cut out: most lines hold none of these in it.
  const tail = Math.max(0, length - 60);
  // The tail's first word is whole in the text unless a letter comes before it: only then may the text lack
  // its cue, and only where the credit word is that first word's end.
  if ((cues & CREDIT_CUE) === 0) {
    if (!(tail > 0 && isAsciiLetter(charCodeAt.call(text, tail - 1)))) return false;
    CREDIT_AT.lastIndex = tail;
    if (!CREDIT_AT.test(text)) return false;
  }
  // A text without a slash, a colon or the word "by" (among the byline's leads) holds none in its tail.
  if ((cues & (SLASH_CUE | COLON_CUE | BYLINE_CUE)) === 0) return false;
  return (
    (indexOf.call(text, '/', tail) >= 0 || indexOf.call(text, ':', tail) >= 0 || indexOf.call(text, ' by ', tail) >= 0) &&
    AGENCY_CREDIT.test(slice.call(text, tail))
  );
}
// Or it starts by saying what it is, as the BBC's "Image copyright Getty Images Image caption ...".
const CAPTION_SUBJECTS = ['image', 'photo', 'picture', 'media'];
const CAPTION_LABELS = ['bildquelle', 'bildunterschrift', 'crédit photo', 'légende', 'pie de foto', 'didascalia', 'legenda da foto', 'fotobijschrift'];
const CAPTION_LEAD = new RegExp(`^(?:${CAPTION_SUBJECTS.join('|')}) (?:copyright|caption|credit|source)\\b|^(?:${CAPTION_LABELS.join('|')})\\b`, 'i');
const CAPTION_LEAD_CUE = cueClass(wholeWords(CAPTION_SUBJECTS), wholeWords(CAPTION_LABELS));
// Or it is only the credit: "Michael Conroy, AP", "Elizabeth A. Burton Submitted photo".
const PHOTO_KIND = /\b(?:submitted|file|courtesy|contributed|staff|handout) photo$/i;
const CREDIT_AGENCIES = ['AP', 'AFP', 'Reuters', 'REUTERS', 'Getty Images', 'EPA', 'dpa', 'ANP', 'Xinhua', 'Shutterstock', 'iStock', 'Bloomberg', 'NurPhoto'];
const CREDIT_ONLY = new RegExp(`^[\\p{Lu}][\\p{L}.'’ -]{2,40}[,/] ?(?:${CREDIT_AGENCIES.join('|')})$`, 'u');
const CREDIT_ONLY_CUE = cueClass(wholeWords(CREDIT_AGENCIES));
// Or lynx printed an image's alt text twice: "Business focus: a camera lens Business focus: a camera lens".
function doubled(v: BlockView): boolean {
  return mayBeDoubled(v.text, v.length) && startsWith.call(v.text, slice.call(v.text, (v.length + 1) / 2));
}
const mayBeDoubled = (text: string, length: number) => length >= 21 && (length & 1) === 1 && charCodeAt.call(text, (length - 1) / 2) === 32;
// The view's cues have it where the text may be doubled.
const DOUBLED_CUE = shapeCue();
const CAPTION_LEAD_START = mayBe('ipmbcldf');
// The last letters of CREDIT_ONLY's agencies.
const CREDIT_END = mayBe('psakgo');
// The longest text CREDIT_ONLY takes, in code units: a letter and up to 40 more (two units each
// beyond the basic plane), the separator, a space, the longest agency. Longer ones are not
// scanned for a comma.
const CREDIT_ONLY_MAX = 2 + 2 * 40 + 2 + Math.max(...CREDIT_AGENCIES.map((a) => a.length));
const imageCaption = pageRule({
  kind: 'image-caption',
  // What each of its forms needs: a closing bracket, the tail's separators, a caption lead, an agency, a doubled shape.
  needs: { shorterThan: 500, cue: BRACKET_CUE | SLASH_CUE | COLON_CUE | BYLINE_CUE | CAPTION_LEAD_CUE | CREDIT_ONLY_CUE | DOUBLED_CUE },
  test: (block, v) =>
    endsWithCredit(v) ||
    ((v.cues & CAPTION_LEAD_CUE) !== 0 && CAPTION_LEAD_START(v.first) && CAPTION_LEAD.test(block.text)) ||
    ((v.cues & CREDIT_ONLY_CUE) !== 0 && CREDIT_END(v.last) && v.length <= CREDIT_ONLY_MAX && (includes.call(v.text, ',') || includes.call(v.text, '/')) && CREDIT_ONLY.test(block.text)) ||
    // "photo" is one of the caption subjects, whole at the end.
    (v.last === 111 /* o */ && (v.cues & CAPTION_LEAD_CUE) !== 0 && /photo$/i.test(slice.call(v.text, -5)) && PHOTO_KIND.test(block.text)) ||
    doubled(v),
  examples: {
    removes: [
      'A Free Syrian army fighter holds his weapon in Jubata al-Khashab in Quneitra province, Syria, November 4, 2017. REUTERS/Alaa Al-Faqir',
      'Syrian Army soldiers (YouTube)',
      'Photo: John Locher, AP',
      'Michael Conroy, AP',
      'Elizabeth A. Burton Submitted photo',
      'Business focus: a camera lens Business focus: a camera lens',
      'Softbank CEO Masayoshi Son (Credit: Getty Images)',
      'Image copyright Getty Images Image caption Scooter Braun has managed Justin Bieber, among others, throughout his career in music',
    ],
    keeps: [
      'BEIRUT (Reuters) - Syria\'s army and its allies, spearheaded by Lebanon\'s Hezbollah, captured Islamic State\'s last stronghold in Syria on Wednesday, a commander in the alliance said, bringing the self-declared caliphate close to complete downfall.',
      'Nigerian Lady Beaten And Disgraced For Allegedly Sleeping With Her Friend\'s Boyfriend (Photos)',
    ],
  },
});

// "5 Min Read", "Lesezeit: 4 Minuten": a reading-time estimate.
const READING_TIME_START = mayBe('0123456789rlt');
const readingTime = pageRule({
  kind: 'reading-time',
  needs: { shorterThan: 40, digit: true },
  test: (_block, v) =>
    READING_TIME_START(v.bodyFirst) &&
    /^(?:\d{1,3}\s*(?:-\s*)?(?:min(?:ute)?s?\.?|minuten|minutos|minuti)\s+(?:read|reading|lesen|lectura|lettura|leitura|de lectura|di lettura|de leitura|leestijd)|(?:reading time|lesezeit|temps de lecture|tiempo de lectura|tempo di lettura|tempo de leitura|leestijd)\s*:?\s*\d{1,3}\s*\S*)$/i.test(bodyOf(v)),
  examples: {
    removes: ['5 Min Read', 'Lesezeit: 4 Min.', '3 minute read'],
    keeps: ['5 minutes later, the police arrived.'],
  },
});

// "Louise Matsakis is a Staff Writer at WIRED covering Amazon": the box about the author under the article.
const BIO_VERBS = ['is', 'was', 'ist', 'est', 'es', 'è', 'é'];
const BIO_ARTICLES = ['a', 'an', 'the', 'ein', 'eine', 'un', 'une', 'uno', 'una', 'um', 'uma', 'een', 'de'];
const BIO_TITLES = [
  'writer', 'reporter', 'editor', 'correspondent', 'journalist', 'columnist', 'contributor', 'producer', 'redakteur', 'redakteurin', 'journaliste',
  'rédacteur', 'rédactrice', 'periodista', 'redactor', 'redactora', 'giornalista', 'redattore', 'redattrice', 'jornalista', 'redator', 'redatora',
  'redacteur', 'verslaggever',
];
const AUTHOR_BIO = new RegExp(
  `^[\\p{Lu}][\\p{L}.'’ -]{2,50}\\s(?:${BIO_VERBS.join('|')})\\s(?:${BIO_ARTICLES.join('|')})?\\s?(?:[\\p{L}-]+\\s){0,4}(?:${BIO_TITLES.join('|')})\\b`,
  'iu',
);
const BIO_VERB = new RegExp(` (?:${BIO_VERBS.join('|')}) `, 'i');
// The pattern cannot match without a title: whole (after a space), or glued to an article ("is awriter",
// the article's \s? none), which then follows the verb, whose space comes at most 51 letters in (two
// units each beyond the basic plane).
const BIO_TITLE_CUE = cueClass(wholeWords(BIO_TITLES));
const GLUED_TITLE = new RegExp(`\\s(?:${BIO_VERBS.join('|')})\\s(?:${BIO_ARTICLES.join('|')})(?:${BIO_TITLES.join('|')})`, 'iu');
const GLUED_REACH = 2 * 51 + 1 + [BIO_VERBS, BIO_ARTICLES, BIO_TITLES].reduce((n, list) => n + Math.max(...list.map((w) => w.length)), 1);
// The name's first letter: any letter, as the pattern ignores case.
const BIO_START = mayBe('abcdefghijklmnopqrstuvwxyz');
const authorBio = pageRule({
  kind: 'author-bio',
  // The verb comes within the first few words: look for it before trying the pattern.
  needs: { shorterThan: 600, cue: cueClass(wholeWords(BIO_VERBS)) },
  test: (block, v) =>
    BIO_START(v.first) &&
    BIO_VERB.test(slice.call(v.text, 0, 70)) &&
    ((v.cues & BIO_TITLE_CUE) !== 0 || GLUED_TITLE.test(slice.call(v.text, 0, GLUED_REACH))) &&
    AUTHOR_BIO.test(block.text),
  examples: {
    removes: [
      'Louise Matsakis is a Staff Writer at WIRED covering Amazon, security, and online platforms.',
      'Dallas Robinson is a freelance writer living in Minneapolis',
      'Julius is an LA Entertainment Reporter for Fox News.',
    ],
    keeps: [
      "A VOA Extremism Watch Desk reporter Nisan Ahmado's source inside the Rukban camp, a Syrian refugee who feared regime retaliation and asked not to be identified, said that the Russian and Syrian defense ministry’s claim is “absolutely not true.”",
      'An Associated Press journalist in the area also reported hearing gunfire near the fuel facility in Senkata, which protesters have tried to block over the last five days in an attempt to shut down operations, as well as seeing a military helicopter flying over the plant.',
    ],
  },
});

// "This post may contain affiliate links." "We may earn a commission when you buy through links on our site."
const RECAPTCHA_WORDS = ['recaptcha'];
const RECAPTCHA = phrases(RECAPTCHA_WORDS, false);
const RECAPTCHA_CUE = cueClass(phraseCues(RECAPTCHA_WORDS));
// Each branch after a word boundary.
const AFFILIATE_BRANCHES = [
  'affiliate links?\\b', 'earn (?:a )?(?:small )?commission', 'as an amazon associate\\b', 'affiliate-links?\\b', 'partnerlinks?\\b', 'liens? affiliés?\\b',
  'enlaces? de afiliad', 'link di affiliazione\\b', 'links? de afiliad', 'provisie\\b',
];
const AFFILIATE = new RegExp(`\\b(?:${AFFILIATE_BRANCHES.join('|')})`, 'i');
const affiliateDisclosure = pageRule({
  kind: 'affiliate-disclosure',
  needs: { shorterThan: 400, cue: cueClass({ branches: AFFILIATE_BRANCHES, boundedStart: true, boundedEnd: false }) },
  test: (block) => AFFILIATE.test(block.text),
  examples: {
    removes: ['This post may contain affiliate links. Please read my disclosure policy.', 'We may earn a commission when you buy through links on our site.'],
    keeps: ['The retailer said the commission structure for its sales staff would change next year, angering many employees.'],
  },
});

const labelList = phraseRule(
  'label-list',
  [
    'labels:', 'tags:', 'tagged:', 'tagged with', 'filed under', 'categories:', 'category:', 'categorías:', 'categorias:', 'categorie:',
    'catégories:', 'kategorien:', 'categorieën:', 'topics:', 'schlagwörter:', 'themen:',
    'étiquettes:', 'mots-clés:', 'etiquetas:', 'temas:', 'argomenti:', 'etichette:', 'tag:', 'palavras-chave:', 'trefwoorden:',
  ],
  40,
  {
    removes: ['Labels: , , , , ,', 'Tags: Syria, ISIS, Iraq', 'Filed under: Politics'],
    keeps: ['Labels on the bottles warned of the risk, but few people read them.'],
  },
);

const COPYRIGHT_START = mayBe('-(c');
// What a copyright line may start with: a © (no letter: looked for apart) or one of these.
const COPYRIGHT_WORDS = ['\\(c\\)', 'copyright\\b'];
const COPYRIGHT_LEAD = new RegExp(`^(?:--\\s*)?(?:©|${COPYRIGHT_WORDS.join('|')})`, 'i');
const COPYRIGHT_CUE = cueClass(wholeWords(COPYRIGHT_WORDS));
const RESERVED = [
  'all rights reserved', 'alle rechte vorbehalten', 'tous droits réservés', 'todos los derechos reservados', 'tutti i diritti riservati',
  'todos os direitos reservados', 'alle rechten voorbehouden',
];
// A © with a year or a name, looked for only where a © is (it has no other case); the phrases,
// only in a text as long as one (case folding keeps a phrase's length). Apart, each pattern is
// asked of fewer texts than the two joined, and the phrases' scan has no © branch to try.
const SIGNED = /©\s*(?:copyright\s+)?(?:\d{4}|[\p{Lu}])/iu;
const RIGHTS_RESERVED = new RegExp(RESERVED.join('|'), 'iu');
const RESERVED_MIN = Math.min(...RESERVED.map((p) => p.length));
// The phrases are looked for anywhere, inside a longer word too: their inner words are the cue.
const RESERVED_CUE = cueClass({ branches: RESERVED, boundedStart: false, boundedEnd: false });
const SIGN_CUE = unitCue('©');
const copyright = pageRule({
  kind: 'copyright',
  needs: { shorterThan: 300, cue: SIGN_CUE | COPYRIGHT_CUE | RESERVED_CUE },
  test(_block, v) {
    const text = bodyOf(v);
    const sign = (v.cues & SIGN_CUE) !== 0 && includes.call(text, '©');
    return (
      ((sign || (v.cues & COPYRIGHT_CUE) !== 0) && COPYRIGHT_START(v.bodyFirst) && COPYRIGHT_LEAD.test(text)) ||
      (sign && SIGNED.test(text)) ||
      ((v.cues & RESERVED_CUE) !== 0 && v.length - v.cut >= RESERVED_MIN && RIGHTS_RESERVED.test(text))
    );
  },
  examples: {
    removes: [
      '-- © Copyright Reuters 2017-11-09',
      'Copyright © 2019 The Paradigm. All Rights Reserved.',
      '© 2019 Hearst Communications, Inc. print footer logo',
      'Privacy Policy | Terms of Use | © 2023 Condé Nast',
      'Impressum | Datenschutz | Alle Rechte vorbehalten',
    ],
    keeps: ['The band sued over copyright infringement, claiming the chorus was lifted from their 1998 single.'],
  },
});

// A line that is only a date, perhaps with a time and a "Published:" label.

// Month names and their short forms: a stem, alone or with one of its endings.
const MONTH_STEMS: readonly (readonly [string, ...string[]])[] = [
  ['jan', 'uary', 'uar', 'vier', 'eiro'], ['feb', 'ruary', 'ruar'], ['fév', 'rier'], ['febrero'], ['febbraio'], ['fevereiro'], ['mar', 'ch', 's', 'zo', 'ço'],
  ['märz'], ['apr', 'il', 'ile'], ['avr', 'il'], ['abr', 'il'], ['may'], ['mai'], ['mayo'], ['maggio'], ['maio'], ['mei'], ['jun', 'e', 'i', 'io', 'ho'],
  ['juin'], ['giugno'], ['jul', 'y', 'i', 'io', 'ho'], ['juil', 'let'], ['luglio'], ['aug', 'ust', 'ustus'], ['août'], ['ago', 'sto'],
  ['sep', 't', 'tember', 'tembre', 'tiembre'], ['set', 'tembre', 'embro'], ['oct', 'ober', 'obre', 'ubre'], ['okt', 'ober'], ['ott', 'obre'], ['out', 'ubro'],
  ['nov', 'ember', 'embre', 'iembre', 'embro'], ['dec', 'ember'], ['dez', 'ember', 'embro'], ['déc', 'embre'], ['dic', 'iembre', 'embre'],
];
const MONTHS = MONTH_STEMS.map(([stem, ...ends]) => (ends.length ? `${stem}(?:${ends.join('|')})?` : stem)).join('|');
const DATE_TOKEN = new RegExp(`^(?:${MONTHS})\\.?$`, 'iu');
// The words of a date line that are no part of its date (branches of a pattern).
const DATE_FILLERS = [
  'published', 'posted', 'updated', 'modified', 'last', 'on', 'at', 'de', 'del', 'em', 'am', 'um', 'le', 'el', 'il', 'op', 'veröffentlicht',
  'aktualisiert', 'publié', 'mis', 'à', 'jour', 'publicado', 'actualizado', 'pubblicato', 'aggiornato', 'gepubliceerd', 'bijgewerkt', 'am', 'pm',
  'a\\.m\\.', 'p\\.m\\.', 'et', 'est', 'edt', 'gmt', 'utc', 'cet', 'cest', 'bst', 'pst', 'pdt', 'monday', 'tuesday', 'wednesday', 'thursday',
  'friday', 'saturday', 'sunday', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag',
  'samstag', 'sonntag', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes',
  'sábado', 'domingo', 'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'segunda', 'terça', 'quarta', 'quinta', 'sexta', 'maandag',
  'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag', 'feira', 'by', '\\|', '-', '–', '—', '·',
];
const DATE_FILLER = new RegExp(`^(?:${DATE_FILLERS.join('|')})$`, 'i');
const DATE_LABELS = ['published', 'posted', 'updated', 'asked', 'answered', 'modified', 'viewed', 'active', 'veröffentlicht', 'aktualisiert', 'publié', 'mis à jour', 'publicado', 'actualizado', 'atualizado', 'pubblicato', 'aggiornato', 'gepubliceerd', 'bijgewerkt'];
const DATE_LABEL = new RegExp(`^(?:${DATE_LABELS.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
const DATE_LABEL_START = mayBe('puamvgb');
// What a date line starts with (or its body, after a list marker): a label, a filler, a month, or no letter (as
// '|' and '-' do, a digit too). No phrase may start with – — or ·: a text that does is given this list by
// phrasesAt anyway (as general punctuation, the lists with a phrase that starts with no letter; ·, every list).
const DATE_START = phraseStart(
  [...DATE_LABELS, ...DATE_FILLERS.map((w) => w.replace(/\\/g, '')), ...MONTH_STEMS.flatMap(([stem, ...ends]) => [stem, ...ends.map((end) => stem + end)])].filter(
    (w) => w.charCodeAt(0) < 128 || scriptOf(w.charCodeAt(0)) >= 0,
  ),
);
// The words of a date line, each one whole: separators are whitespace, commas, semicolons and colons not before a digit.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T[\d:.]{5,12}(?:Z|[+-]\d{2}:?\d{2})?$/;
const DAY_OR_YEAR = /^\d{1,4}(?:[./-]\d{1,2}(?:[./-]\d{2,4})?)?(?:st|nd|rd|th|\.)?$/;
const TIME = /^\d{1,2}[:.h]\d{2}(?::\d{2})?(?:am|pm)?$/i;
const DATE_WORD_END = '(?=[\\s,;]|:(?!\\d)|$)';
// A word of a date line, between those separators.
const DATE_WORD = /(?:[^\s,;:]|:(?=\d))+/g;
// Most lines with a digit fail at their first word: one test of it, before the line is cut into words. Read
// with Unicode case folding, every one of the patterns matches at least what it matches alone.
const FIRST_DATE_WORD = new RegExp(
  `^(?:[\\s,;]|:(?!\\d))*(?:${[ISO_DATE_TIME, DAY_OR_YEAR, DATE_TOKEN, TIME, DATE_FILLER].map((re) => re.source.slice(1, -1)).join('|')})${DATE_WORD_END}`,
  'iu',
);
const datelineRule = pageRule({
  kind: 'dateline',
  // A digit is looked for in texts shorter than DIGIT_REACH only.
  needs: { shorterThan: Infinity, digit: true, start: DATE_START },
  test(block, v) {
    const label = DATE_LABEL_START(v.first) && DATE_LABEL.test(block.text);
    // "Posted on February 27, 2025 by Ruth Calloway — 5 Comments": a labelled line about the post.
    if (label && wordCount(block.text) <= 20) return true;
    if (v.length > 80) return false;
    const body = bodyOf(v);
    if (!FIRST_DATE_WORD.test(body)) return false;
    let month = false;
    let number = false;
    let numericDate = false;
    let time = false;
    // Word by word, to stop at the first that is no part of a date (mostly the second).
    let words = 0;
    DATE_WORD.lastIndex = 0;
    for (let m = DATE_WORD.exec(body); m; m = DATE_WORD.exec(body)) {
      if (++words > 10) return false;
      const w = m[0];
      if (ISO_DATE_TIME.test(w)) numericDate = true;
      else if (DAY_OR_YEAR.test(w)) {
        number = true;
        if (/\d[./-]\d/.test(w)) numericDate = true;
      } else if (DATE_TOKEN.test(w)) month = true;
      else if (TIME.test(w)) time = true;
      else if (!DATE_FILLER.test(w)) return false;
    }
    return (month && number) || numericDate || (time && (label || /\b\d{4}\b/.test(block.text)));
  },
  examples: {
    removes: [
      'Posted on February 27, 2025 by Ruth Calloway — 5 Comments',
      'Publicado a 12 de agosto de 2024 por Rui Carvalho · 2 comentários',
      'Pubblicato il 3 marzo 2025 da Elvira Montanari',
      'Asked 2 years, 1 month ago',
      'Viewed 3k times',
      'Updated at 1:23 p.m.', '15:23 2019', '2019-11-19T07:23:12+01:00', 'Saturday, November 11, 2017', 'Published: November 10, 2017, 9:52 am', 'October 9, 2018 at 4:02 pm', 'Tuesday November 19, 2019', '24. September 2018'],
    keeps: ['November 2017 was the month the town fell.', 'May', 'Syria 360 / Internationalist News Agency'],
  },
});

const BYLINE = new RegExp(`^(?:${BYLINE_LEADS.join('|')})\\s+\\p{Lu}`, 'iu');
const PROVIDED_BY = new RegExp(`^(?:news |content )?(?:${PROVIDERS.join('|')}) by:?$`, 'i');
const PROVIDED_BY_START = mayBe('ncpsd');
const BYLINE_START = mayBe('bvpdtwr');
const bylineRule = pageRule({
  kind: 'byline',
  needs: {
    shorterThan: Infinity,
    cue: BYLINE_CUE,
  },
  test(_block, v) {
    const text = bodyOf(v);
    if (PROVIDED_BY_START(v.bodyFirst) && PROVIDED_BY.test(text)) return true;
    return v.length - v.cut < 120 && BYLINE_START(v.bodyFirst) && BYLINE.test(text) && wordCount(text) <= 14 && !/[.!?]$/.test(text.replace(/\b\p{Lu}\.$/u, ''));
  },
  examples: {
    removes: ['News provided by', 'By Laila Bassam and Angus McDowall', 'Von Anna Schmidt', 'Par Jean Dupont, envoyé spécial'],
    keeps: ['By the end of the week the town had fallen.', 'De nombreux habitants ont fui.'],
  },
});

// Lynx prints widgets as text: buttons, iframes, inserted ads, form fields,
// link relations, tracking pixels.
const WIDGET_START = mayBe('(i[#ap');
const WIDGET_LEADS = [
  '\\(BUTTON\\)', 'IFRAME:', '\\[INS:', '#alternate', '\\[gif;base64', '\\[data:image', 'Advertisement$', 'Advertising$', 'Advert$', 'Anzeige$', 'Publicité$',
  'Publicidad$', 'Pubblicità$', 'Publicidade$', 'Advertentie$',
];
const WIDGET_LEAD = new RegExp(`^(?:${WIDGET_LEADS.join('|')})`, 'i');
const WIDGET_CUE = cueClass({ branches: WIDGET_LEADS, boundedStart: true, boundedEnd: false });
const COUNTER_START = mayBe('ipfbs0123456789 \t\n\v\f\r');
// A form field lynx prints as a line to write on.
const FORM_FIELD = '______';
// "Image 2 of 5", "1 / 5": a gallery's counter, its two numbers around one of these.
const COUNTER_WORDS = ['of', 'von', 'de', 'di', 'van', 'sur'];
const COUNTER = new RegExp(`^(?:image|photo|picture|foto|bild|slide|imagen|immagine)?\\s*\\d{1,3}\\s*(?:${COUNTER_WORDS.join('|')}|\\/)\\s*\\d{1,3}$`, 'i');
const COUNTER_CUE = cueClass(wholeWords(COUNTER_WORDS)) | SLASH_CUE;
const FORM_FIELD_CUE = unitCue(FORM_FIELD[0]!);
const widgetRule = pageRule({
  kind: 'widget',
  // Its leads, a form field, recaptcha, a counter, a bracketed token.
  needs: { shorterThan: Infinity, cue: WIDGET_CUE | FORM_FIELD_CUE | RECAPTCHA_CUE | COUNTER_CUE | BRACKET_CUE },
  test(_block, v) {
    const text = bodyOf(v);
    return (
      ((v.cues & WIDGET_CUE) !== 0 && WIDGET_START(v.bodyFirst) && WIDGET_LEAD.test(text)) ||
      ((v.cues & FORM_FIELD_CUE) !== 0 && includes.call(text, FORM_FIELD)) ||
      ((v.cues & RECAPTCHA_CUE) !== 0 && RECAPTCHA.test(text)) ||
      // A counter holds a digit (the view looks for one in a text shorter than DIGIT_REACH only).
      ((v.cues & COUNTER_CUE) !== 0 && (v.digit || v.length >= DIGIT_REACH) && COUNTER_START(v.bodyFirst) && COUNTER.test(text)) ||
      (v.bodyFirst === 91 /* [ */ && /^\[[^\]\s]{1,80}\]$/.test(text) && !/\s/.test(text))
    );
  },
  examples: {
    removes: ['Image 2 of 5', '1 / 5', 'This site is protected by recaptcha Privacy Policy | Terms of Service', '(BUTTON) Back To Main Menu', 'IFRAME: likes-master', '[INS: :INS]', 'Email Address ____________________', 'Advertisement', '[yH5BAEAAAAALAAAAAABAAEAAAIBRAA7]'],
    keeps: ['The advertisement ran for three weeks before regulators stepped in.'],
  },
});

const COMMENTS_PHRASES = [
    'leave a reply', 'leave a comment', 'post a comment', 'add a comment', 'write a comment', 'join the discussion', 'join the conversation',
    'comment', 'kommentar schreiben', 'kommentieren', 'laisser un commentaire', 'réagir', 'deja un comentario', 'deja una respuesta',
    'lascia un commento', 'deixe um comentário', 'deixe uma resposta', 'reageer', 'laat een reactie achter',
  ];
const commentsPhrase = phrases(COMMENTS_PHRASES, true);
const commentsStart = phraseStart(COMMENTS_PHRASES);
// A short heading with the plural anywhere: "Top Rated Comments", "Show comments (12)".
const COMMENTS_WORDS = ['comments', 'kommentare', 'commentaires', 'comentarios', 'commenti', 'comentários', 'reacties', 'reactions', 'responses'];
const COMMENTS_WORD = phrases(COMMENTS_WORDS, false);
const COMMENTS_WORD_CUE = cueClass(phraseCues(COMMENTS_WORDS));
const commentsHeading = pageRule({
  kind: 'comments-heading',
  needs: { shorterThan: 61, cue: cueClass(phraseCues(COMMENTS_PHRASES)) | COMMENTS_WORD_CUE },
  test(block, v) {
    const heading = ((v.starts & commentsStart) !== 0 && commentsPhrase.test(block.text)) || ((v.cues & COMMENTS_WORD_CUE) !== 0 && COMMENTS_WORD.test(block.text) && !/[.!?]$/.test(block.text));
    return heading && wordCount(block.text) <= 5;
  },
  examples: {
    removes: ['Leave a Reply', 'Comments', 'View Comments', 'Top Rated Comments', 'Kommentare', 'Laisser un commentaire'],
    keeps: ['Comments made by the minister on Tuesday caused an uproar in parliament.', 'No comments were received.'],
  },
});

// "1 Comment", "23 Kommentare": a counter, not prose.
const COUNT_START = mayBe('[(0123456789 \t\n\v\f\r');
const commentCount = pageRule({
  kind: 'comment-count',
  needs: { shorterThan: 40, digit: true },
  test: (_block, v) =>
    COUNT_START(v.bodyFirst) &&
    /^[[(]?\s*\d{1,6}\s+(?:comments?|responses?|replies|reactions?|kommentare?|commentaires?|comentarios?|commenti|commento|comentários?|reacties?|reactie)\s*[\])]?$/i.test(bodyOf(v)),
  examples: { removes: ['1 Comment', '23 comments', '[ 167 comments ]', '4 Kommentare'], keeps: ['1 comment stood out from the rest of the thread, which was otherwise polite.'] },
});

/** Chrome of the page around the article: navigation, banners, prompts, footers. */
export const PAGE_RULES: readonly PageRule[] = [
  skipLink,
  cookieNotice,
  sharePrompt,
  relatedLinks,
  signInPrompt,
  newsletterPrompt,
  donationAppeal,
  imageFilename,
  imageCaption,
  readingTime,
  authorBio,
  affiliateDisclosure,
  labelList,
  copyright,
  datelineRule,
  bylineRule,
  widgetRule,
  commentsHeading,
  commentCount,
];

/** Kinds after which the article is over: what follows is comments or other pages' teasers. */
export const ARTICLE_END_KINDS: ReadonlySet<string> = new Set(['related-links', 'comments-heading', 'comment-count', 'copyright', 'donation-appeal', 'author-bio']);

/** Kinds that open a comment section. */
export const COMMENTS_KINDS: ReadonlySet<string> = new Set(['comments-heading', 'comment-count']);

/**
 * The first page rule that calls this block chrome, or null. Where the caller has read every
 * unit already: `digit`, whether the text holds an ASCII digit, and `cues`, its cuesOf.
 */
export function pageChromeKind(block: Block, digit?: boolean, cues?: number): string | null {
  const view = see(block, VIEW, digit, cues);
  const length = view.length;
  // The rules to ask, a bit each in PAGE_RULES's order: those the text's length, digit, first words and cues leave.
  let ask =
    (length < BY_LENGTH.length ? BY_LENGTH[length]! : UNBOUNDED) &
    (view.digit ? -1 : WITHOUT_DIGIT) &
    BY_STARTS[view.starts & ALL_STARTS]! &
    (CUED[view.cues & 0xff]! | CUED[256 + ((view.cues >>> 8) & 0xff)]! | CUED[512 + ((view.cues >>> 16) & 0xff)]! | CUED[768 + (view.cues >>> 24)]!);
  while (ask !== 0) {
    const low = ask & -ask;
    const rule = PAGE_RULES[31 - Math.clz32(low)]!;
    if (rule.test(block, view)) return rule.kind;
    ask ^= low;
  }
  return null;
}

// What pageChromeKind reads a block's rules off, as masks of rules (PAGE_RULES[k] is bit k):
// by the text's length (those whose bound it is under; UNBOUNDED, beyond every finite bound),
// those that need no digit, by the phrase lists its first words may start, and by each byte of
// its cues (the rules whose cue has a bit in it, the four bytes' masks ORed).
if (PAGE_RULES.length > 31) throw new Error('at most 31 page rules: pageChromeKind asks them by the bits of one number');
const ruleMask = (take: (rule: PageRule) => boolean) => PAGE_RULES.reduce((mask, rule, k) => (take(rule) ? mask | (1 << k) : mask), 0);
const BY_LENGTH = Int32Array.from({ length: Math.max(...PAGE_RULES.map((r) => r.needs.shorterThan).filter((n) => n < Infinity)) }, (_, n) =>
  ruleMask((r) => n < r.needs.shorterThan),
);
const UNBOUNDED = ruleMask((r) => r.needs.shorterThan === Infinity);
const WITHOUT_DIGIT = ruleMask((r) => !r.needs.digit);
const ALL_STARTS = (1 << phraseLists) - 1;
// The trie's letter moves and the lists that end at each state, typed for phrasesAt's walk (made here, where every list is declared).
// Its moves in 16 bits, each state's 26 in a row of 32 (64 bytes, a cache line): of a table of thousands of states, a
// walk reads a few rows here and there, mostly missing the cache in a pass over whole pages.
if (PHRASE_LISTS.length > 0x7fff) throw new Error('at most 32,767 states in the phrase trie: phrasesAt reads its moves in 16 bits');
const WALK_NEXT = new Int16Array(PHRASE_LISTS.length * 32).fill(DEAD);
for (let state = 0; state < PHRASE_LISTS.length; state++) WALK_NEXT.set(PHRASE_NEXT.slice(state * 26, state * 26 + 26), state * 32);
const WALK_LISTS = Int32Array.from(PHRASE_LISTS);
const BY_STARTS = Int32Array.from({ length: ALL_STARTS + 1 }, (_, starts) => ruleMask((r) => !r.needs.start || (starts & r.needs.start) !== 0));
const CUED = Int32Array.from({ length: 4 * 256 }, (_, k) => ruleMask((r) => (r.cue & ((k & 0xff) << (8 * (k >> 8)))) !== 0));

/**
 * What the page rules look at first, worked out once per block: most rules turn
 * most blocks away on one of these before they run a pattern. Code units are
 * ASCII lower-cased (others as they are), END past the end.
 */
export interface BlockView {
  /** The text. */
  text: string;
  /** Its length. */
  length: number;
  /** How long a list marker the text starts with when the block is a list item, 0 otherwise. */
  cut: number;
  /** The text after `cut`, once a rule has asked for it (bodyOf): most blocks are turned away before. */
  body: string | undefined;
  /** The text's first code unit. */
  first: number;
  /** The body's first code unit. */
  bodyFirst: number;
  /**
   * The phraseStart lists, a bit each, one of whose phrases the text may start with (phrasesAt), or
   * with after a list marker, bulleted or not; NO_LETTERS where either has no letter there.
   */
  starts: number;
  /** phrasesAt the body's start. */
  bodyStarts: number;
  /** The text's last code unit. */
  last: number;
  /** Whether the text holds a digit; looked for only in texts shorter than DIGIT_REACH, as no rule that needs one reads longer ones. */
  digit: boolean;
  /**
   * The cue classes (cue-words.ts) of the words the text holds, read finer (finerCuesOf) where the
   * caller has not scanned the text or gave it every class for a unit beyond ASCII: scanned only in
   * texts shorter than CUE_REACH, every class in longer ones, where only widgetRule reads one, and
   * tests its own pattern after it.
   */
  cues: number;
}

const DIGIT_REACH = 160;
// The longest block a rule other than widgetRule reads a cue of, plus one (cookieNotice's bound).
const CUE_REACH = 900;

/** The length of the list marker (MARKER_SOURCE) a text starts with, or 0: read by hand, as half the blocks start with one or a digit. */
function markerLength(text: string, length: number): number {
  const c = length > 0 ? charCodeAt.call(text, 0) : END;
  let end = 0;
  if (c === 42 || c === 43 || c === 45 || c === 111 || c === 0x2022 || c === 0xb7 || c === 0x25aa || c === 0x25e6 || c === 0x2023) end = 1; // * + - o • · ▪ ◦ ‣
  else {
    while (end < 3 && end < length && isDigit(charCodeAt.call(text, end))) end++;
    const after = end < length ? charCodeAt.call(text, end) : END;
    if (end === 0 || (after !== 46 && after !== 41)) return 0; // . )
    end++;
  }
  const spaces = end;
  while (end < length && isSpace(charCodeAt.call(text, end))) end++;
  return end > spaces ? end : 0;
}
const isDigit = (c: number) => c >= 48 && c <= 57;

/** Whitespace as a pattern's \s reads it. */
export function isSpace(c: number): boolean {
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
const lowerAscii = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

/** The text, its list marker taken off when the block is a list item. */
function bodyOf(v: BlockView): string {
  return (v.body ??= slice.call(v.text, v.cut));
}

export function blockView(block: Block): BlockView {
  const view = see(block, { text: '', length: 0, cut: 0, body: '', first: 0, bodyFirst: 0, starts: 0, bodyStarts: 0, last: 0, digit: false, cues: 0 });
  bodyOf(view);
  return view;
}

// pageChromeKind's view, filled in anew for each block (no rule keeps one): it runs on every block of every page.
const VIEW = blockView({ lines: [], text: '', indent: 0, bullet: false, gapBefore: false });

/** Fills in `view` for a block, `digit` and `cues` as pageChromeKind is given them. */
function see(block: Block, view: BlockView, digit?: boolean, cues?: number): BlockView {
  const text = String(block.text);
  const length = text.length;
  const marker = markerLength(text, length);
  const first = length > 0 ? lowerAscii(charCodeAt.call(text, 0)) : END;
  const atStart = phrasesAt(text, length, 0);
  const afterMarker = marker > 0 ? phrasesAt(text, length, marker) : atStart;
  view.text = text;
  view.length = length;
  view.cut = block.bullet ? marker : 0;
  view.body = view.cut > 0 ? undefined : text;
  view.first = first;
  view.bodyFirst = !block.bullet ? first : marker < length ? lowerAscii(charCodeAt.call(text, marker)) : END;
  view.starts = atStart | afterMarker;
  view.bodyStarts = block.bullet ? afterMarker : atStart;
  view.last = length > 0 ? lowerAscii(charCodeAt.call(text, length - 1)) : END;
  view.digit = length < DIGIT_REACH && (digit ?? /\d/.test(text));
  // blockStats hands the cues its scan read (finer for units beyond ASCII); without them, or with every cue
  // (a unit such as ſ sets all), a short text has them read finer here.
  view.cues = (cues !== undefined && cues !== ALL_CUES ? cues : length < CUE_REACH ? finerCuesOf(text) : ALL_CUES) | (mayBeDoubled(text, length) ? DOUBLED_CUE : 0);
  return view;
}
