import { fold } from '../metadata.js';
import { BULLET_FIRST, SYMBOL_BULLET } from '../segment.js';
import type { Block } from '../types.js';
import { ALL_CUES, cueClass, wholeWords } from './cue-words.js';
import type { Rule } from './rule.js';

// Comment sections and forum threads carry the same furniture on every site:
// a counter, a reply form with its policy lines, sign-in prompts, per-post
// buttons. Each rule reads one block, folded (lower case, no accents), with
// a leading list bullet set aside. Phrase lists cover English, German,
// French, Spanish, Italian, Portuguese and Dutch.

// Every rule reads the same folded text, and the rules are asked about one
// block after another: the last block's folded text is kept. (A cache of every
// block's text cost more in hashing and garbage than folding again.)
let lastText = '';
let lastFolded = '';

/** A block's text as the rules read it. */
function folded(block: Block): string {
  if (block.text !== lastText) {
    const text = fold(block.text);
    lastFolded = (BULLET_FIRST.has(text.charCodeAt(0)) ? text.replace(SYMBOL_BULLET, '') : text).trim();
    lastText = block.text;
  }
  return lastFolded;
}

/**
 * What a block's text must open with for patterns anchored at their start to
 * match its fold: the literal start of one of their alternatives, up to the
 * first character that is not a lower-case letter, a digit or a space, less
 * one made optional ("comments?" gives "comment", "leave a (?:reply|comment)"
 * "leave a " and, from inside its group, "comment": more than needed, never
 * less); `\d` stands for any digit. An alternative that opens otherwise cannot
 * be read so, and is refused.
 */
function openingPrefixes(sources: readonly string[]): string[] {
  const prefixes: string[] = [];
  for (const alternative of sources.flatMap((s) => s.split('|'))) {
    if (alternative.charCodeAt(0) >= 0x80) continue; // an ASCII opening never folds to it
    let prefix = /^[a-z0-9 ]*/.exec(alternative)![0];
    if (/^[?*]|^\{0/.test(alternative.slice(prefix.length))) prefix = prefix.slice(0, -1);
    if (prefix) prefixes.push(prefix);
    else if (/^\\d(?![?*]|\{0)/.test(alternative)) for (let d = 0x30; d <= 0x39; d++) prefixes.push(String.fromCharCode(d));
    else throw new Error(`no opening to read in ${alternative}`);
  }
  return prefixes;
}

// The characters an opening is written with (see openingPrefixes), numbered:
// a-z, 0-9, space; an ASCII capital is its lower-case letter, as the fold makes it.
const OPENING_CHARS = 37;
const OPENING_CHAR = ((): Int8Array => {
  const table = new Int8Array(0x80).fill(-1);
  for (let c = 0; c < 26; c++) table[0x61 + c] = table[0x41 + c] = c;
  for (let d = 0; d < 10; d++) table[0x30 + d] = 26 + d;
  table[0x20] = 36;
  return table;
})();

/**
 * Openings in a trie: state 0 is the start; `next` holds each state's move by
 * character (0 for none: no move leads back to the start); `ends` the bits of
 * the groups whose openings end at a state, `below` those that pass through it.
 */
interface OpeningTrie {
  next: Int32Array;
  ends: Int32Array;
  below: Int32Array;
}

/** A trie of the openings of each group of patterns (group k sets bit k). */
function openingTrie(groups: readonly (readonly string[])[]): OpeningTrie {
  const next: number[] = new Array<number>(OPENING_CHARS).fill(0);
  const ends = [0];
  const below = [0];
  groups.forEach((sources, k) => {
    for (const prefix of openingPrefixes(sources)) {
      let state = 0;
      below[0]! |= 1 << k;
      for (let i = 0; i < prefix.length; i++) {
        const move = state * OPENING_CHARS + OPENING_CHAR[prefix.charCodeAt(i)]!;
        if (next[move] === 0) {
          next[move] = ends.length;
          ends.push(0);
          below.push(0);
          next.push(...new Array<number>(OPENING_CHARS).fill(0));
        }
        state = next[move]!;
        below[state]! |= 1 << k;
      }
      ends[state]! |= 1 << k;
    }
  });
  return { next: Int32Array.from(next), ends: Int32Array.from(ends), below: Int32Array.from(below) };
}

/**
 * The bits of the groups whose openings a block's text may open with, as the
 * rules read it (folded, a list bullet and spaces set aside). The fold turns
 * ASCII to its lower case, so the text's own characters tell it as long as they
 * are ASCII and the first is no list bullet or space; from a character beyond,
 * or a first that is one, every opening that goes on may still follow. Most
 * lines are told apart by their first character or two.
 */
function openings(trie: OpeningTrie, text: string): number {
  let c = text.charCodeAt(0);
  if (c <= 0x20 || BULLET_FIRST.has(c)) return trie.below[0]!;
  let bits = 0;
  for (let state = 0, i = 0; ; c = text.charCodeAt(++i)) {
    bits |= trie.ends[state]!;
    if (c >= 0x80) return bits | trie.below[state]!;
    const char = OPENING_CHAR[c] ?? -1;
    if (char < 0 || (state = trie.next[state * OPENING_CHARS + char]!) === 0) return bits;
  }
}

/** Whether a block's text may open as patterns anchored at their start read its fold (see openings). */
function opening(...sources: string[]): (text: string) => boolean {
  const trie = openingTrie([sources]);
  return (text) => openings(trie, text) !== 0;
}

/**
 * A rule over short blocks only: chrome lines are short, and long text is never
 * scanned. A rule may name what a block's own text must hold for the rule to
 * match its fold (`needs`): a block without it is turned away before the fold.
 */
function shortRule(kind: string, maxChars: number, test: (t: string) => boolean, examples: Rule['examples'], needs?: (text: string) => boolean): Rule {
  return { kind, matches: (block) => block.text.length <= maxChars && (!needs || needs(block.text)) && test(folded(block)), examples };
}

/**
 * Whether any of the patterns matches: one scan of the line for all of them,
 * not one scan each. Patterns join only with others of the same flags, which
 * change what a pattern means.
 */
function anyOf(patterns: RegExp[]): (t: string) => boolean {
  const byFlags = new Map<string, string[]>();
  for (const re of patterns) byFlags.set(re.flags, [...(byFlags.get(re.flags) ?? []), `(?:${re.source})`]);
  const joined = [...byFlags].map(([flags, sources]) => new RegExp(sources.join('|'), flags));
  const [first, ...others] = joined;
  // Most phrase lists join into one pattern: it is asked alone, with no closure per call.
  return others.length ? (t) => first!.test(t) || others.some((re) => re.test(t)) : (t) => first!.test(t);
}

const COUNT_NOUNS =
  'comments?|responses?|replies|answers?|reactions?|thoughts?|kommentare?|antworten|reaktionen|commentaires?|reponses?|comentarios?|respuestas?|commenti|commento|risposte|respostas?|reacties|reactie';
const COUNT_NOUN = `(?:${COUNT_NOUNS})`;
const COUNT_WORDS = '\\d{1,6}|no|one|zero|un|une|uno|una|um|uma|een|ein|eine|kein|keine|aucun|ningun|nessun|nenhum|geen';
const COUNT_WORD = `(?:${COUNT_WORDS})`;
const COUNT_LEADS = 'all |view all |show all ';

/** "1 Comment", "12 Kommentare", "34 responses to “Title”", "Comments (3)". */
export const commentCount = shortRule(
  'comment-count',
  300,
  anyOf([
    new RegExp(`^(?:${COUNT_LEADS})?${COUNT_WORD} ${COUNT_NOUN}(?: \\(\\+\\)| so far)?:?$`),
    // "… to “Title”": the counter names the article it belongs to, in quotes.
    new RegExp(`^${COUNT_WORD} ${COUNT_NOUN} (?:on|to|for|zu|auf|sur|a|en|para|su|per|em|op|bij|over) ["“”‘'«„]`),
    new RegExp(`^${COUNT_NOUN} ?\\(\\d{1,6}\\)$`),
    /^(?:\d{1,6} комментари(?:й|я|ев)|комментарии ?\(\d{1,6}\)|\d{1,6} ?件のコメント|コメント ?\(\d{1,6}\))$/u,
  ]),
  {
    removes: ['1 Comment', '604 COMMENTS', '2 Comentários', '0 Comments (+)', '34 responses to “Anthony Lynn: “We needed to win this game””', '12 Kommentare', '3 commentaires', 'Comments (12)', 'One thought on “ISIS Crushed as Last Stronghold Falls”', 'all 37 comments', '2 comments:', 'Комментарии (2)'],
    keeps: ['Comment: Women must stand up for themselves - and each other - to conquer sport\'s gender imbalance', '1. This website is doing a great job in providing information excluded from the MSM about Syria and other topics. Donation coming your way.'],
  },
  opening(COUNT_LEADS, COUNT_WORDS, COUNT_NOUNS),
);

const HEADINGS =
  'comments?|all comments|user comments|reader comments|top rated comments|reader interactions|discussion|join the discussion|responses|kommentare|leserkommentare|diskussion|commentaires|voir les commentaires|reactions|comentarios|commenti|reacties|discussie|комментарии|コメント';

/** A bare "Comments" heading over the section. */
export const commentHeading = shortRule(
  'comment-heading',
  40,
  anyOf([new RegExp(`^(?:${HEADINGS})\\s?(?::|\\.\\.\\.|…)?$`, 'u')]),
  {
    removes: ['Comments', 'Kommentare', 'Commentaires', 'Comentários', 'Reacties', 'Join the discussion…', 'Reader Interactions', 'Voir les commentaires'],
    keeps: ['Comment: Boris Becker\'s charisma continues to burnish \'pop-star status\' despite multiple misfortunes', 'Comment & Opinion'],
  },
  opening(HEADINGS),
);

const FORM_HEADINGS =
  'leave a (?:reply|comment|response)|leave your (?:comment|reply)|post a (?:comment|reply)|add (?:a )?comment|add your comment|write a comment|submit comment|post comment|cancel reply|' +
  'schreibe einen kommentar|hinterlasse einen kommentar|kommentar (?:verfassen|schreiben|abschicken|absenden)|antworten abbrechen|' +
  'laisser un commentaire|laisser une reponse|annuler la reponse|ajouter un commentaire|ecrire un commentaire|publier le commentaire|' +
  'deja una respuesta|deja un comentario|deja tu comentario|cancelar respuesta|escribe un comentario|publicar comentario|enviar comentario|' +
  'lascia un commento|lascia una risposta|annulla risposta|scrivi un commento|invia commento|pubblica il commento|' +
  'deixe uma resposta|deixe um comentario|deixe seu comentario|cancelar resposta|escreva um comentario|' +
  'laat een reactie achter|reactie annuleren|geef een reactie|plaats een reactie|reactie plaatsen|' +
  'оставить комментарий|написать комментарий|добавить комментарий|コメントを書く|コメントする';

const FORM_HEADING = new RegExp(`^(?:${FORM_HEADINGS})(?: (?:${FORM_HEADINGS}))?\\s?[.!:]?$`, 'u');
const FORM_OPENS = opening(FORM_HEADINGS);

/** Whether a block is the reply form's heading ("Leave a Reply"), which only comment sections print. */
export function isReplyFormHeading(block: Block): boolean {
  return block.text.length <= 120 && FORM_OPENS(block.text) && FORM_HEADING.test(folded(block));
}

/** The reply form: its heading, field labels, blank fields, and "remember me" box. */
export const commentForm = shortRule(
  'comment-form',
  200,
  anyOf([
    FORM_HEADING,
    /^(?:comment|name|e-?mail|website|url|kommentar|nom|nombre|nome|naam|commentaire|comentario|commento|site web|sitio web|sito web|reactie|mail)\s?\*?(?: ?\((?:required|will not be published|optional|obligatoire|requerido|obbligatorio|obrigatorio|verplicht|erforderlich)\))*\s?\*?:?(?: _{3,})?$/,
    /^(?:\[ ?\] )?(?:save my name, e-?mail,? and website|notify me of (?:follow-up comments|new comments|new posts)|benachrichtige mich|meinen namen, (?:meine )?e-mail|prevenez-moi|enregistrer mon nom|avertissez-moi|notificarme|guarda mi nombre|avvisami|salva il mio nome|notifique-me|salvar meus dados|mijn naam, e-?mail)/,
    /^(?:type|enter|write|add) your comment(?: here)?\s?(?:\.\.\.|…)?$/,
    /^_{5,}[_ ]*$/,
  ]),
  {
    removes: ['Leave a Reply', 'Leave a Comment Cancel Reply', 'Add comment', 'コメントを書く', '   Name * ______________________________', '   Name(required) ____________________', 'Leave a Reply Cancel reply', 'Schreibe einen Kommentar', 'Laisser un commentaire', 'Deixe uma resposta Cancelar resposta', 'Comentário', '   ____________________________________________________________', '[ ] Save my name, email, and website in this browser for the next time I comment.', 'Name *'],
    keeps: ["Let's be honest, distilling down the past year's worth of gadget launches into a shortlist is hard. Really hard. Surely, we left some of your favorite gadgets off of this list. Leave a comment and let us know what your favorite gadget of 2019 is.", 'Comment on this article'],
  },
);

/** Lines about how comments are moderated and what the reply form does with your data. */
export const commentPolicy = shortRule(
  'comment-policy',
  600,
  anyOf([
    /\be-?mail address will not be published\b/,
    /\brequired fields are marked\b/,
    /\buses akismet to reduce spam\b/,
    /\bcomment data is processed\b/,
    /\breserve the right to (?:delete|remove|edit|moderate|block|close)\b/,
    /\b(?:approved|allowed|permitted) to (?:post|publish) comments\b/,
    /\bcomments? (?:are|is|will be|may be) (?:subject to|moderated|reviewed|pre-moderated|held for|checked)\b/,
    /\bkeep (?:your language|your comments|comments|it|the discussion) (?:polite|civil|clean|respectful|on topic)\b/,
    /\bbefore (?:your|a) comment (?:is|will be|appears)\b/,
    /\bcomment(?:ing)? (?:policy|guidelines|rules)\b/,
    /^(?:community (?:guidelines|rules|standards)|house rules|netiquette|kommentarregeln|(?:charte|regles) de (?:moderation|participation|commentaires)|normas de (?:participacion|uso|comentarios)|regole (?:della community|di partecipazione)|regras de (?:participacao|comentarios)|huisregels|spelregels voor reacties)$/,
    /\bcomments (?:with|that|which|containing) .{0,80}\bwill be (?:removed|deleted)\b/,
    /\be-mail-adresse wird nicht veroffentlicht\b/,
    /\berforderliche felder sind\b/,
    /\bkommentare werden (?:moderiert|gepruft|freigeschaltet)\b/,
    /\bwir behalten uns (?:das recht )?vor,? kommentare\b/,
    /\badresse (?:e-?mail|de messagerie|mail) ne sera pas publiee\b/,
    /\bchamps obligatoires sont indiques\b/,
    /\bcommentaires (?:sont|seront) (?:moderes|verifies)\b/,
    /\bnous nous reservons le droit de (?:supprimer|moderer|modifier)\b/,
    /\bdireccion de correo(?: electronico)? no (?:sera|se) publica/,
    /\bcampos obligatorios estan marcados\b/,
    /\bcomentarios (?:son|seran|estan|serao|sao) moderados\b/,
    /\bnos reservamos el derecho (?:de|a) (?:eliminar|borrar|moderar)\b/,
    /\bindirizzo e-?mail non (?:sara|verra) pubblicato\b/,
    /\bcampi obbligatori sono (?:contrassegnati|marcati)\b/,
    /\bcommenti (?:sono|saranno|vengono) moderati\b/,
    /\bci riserviamo il diritto di (?:cancellare|rimuovere|eliminare)\b/,
    /\bendereco de e-?mail nao sera publicado\b/,
    /\bcampos obrigatorios sao marcados\b/,
    /\breservamos o direito de (?:excluir|apagar|remover)\b/,
    /\be-mailadres wordt niet gepubliceerd\b/,
    /\bvereiste velden zijn (?:gemarkeerd|aangegeven)\b/,
    /\breacties worden (?:gemodereerd|gecontroleerd)\b/,
    /\bbehouden ons het recht voor\b/,
  ]),
  {
    removes: [
      'Your email address will not be published. Required fields are marked *',
      'This site uses Akismet to reduce spam. Learn how your comment data is processed.',
      'Keep your language polite. Readers from many different countries visit and contribute to Free West Media and we must therefore obey the rules in, for example, Germany. Illegal content will be deleted.',
      'If you have been approved to post comments without preview from FWM, you are responsible for violations of any law. This means that FWM may be forced to cooperate with authorities in a possible crime investigation.',
      'If your comments are subject to preview by FWM, please be patient. We continually review comments but depending on the time of day it can take up to several hours before your comment is reviewed.',
      'We reserve the right to delete comments that are offensive, contain slander or foul language, or are irrelevant to the discussion.',
      'O seu endereço de e-mail não será publicado. Campos obrigatórios são marcados com *',
      'Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert',
      'Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *',
      'Comments are subject to our community guidelines, which can be viewed here.',
      'Be kind, stay on topic, and use your real name. Comments with personal attacks will be removed.',
      'Normas de participación',
    ],
    keeps: [
      'In all language versions of the sputniknews.com websites any comments posted can be edited.',
      'The ministry said that Israeli aircrafts fired four missiles, from the Lebanese airspace, on a copper factory for civil industries in Hassyah industrial area in Homs province at 21:25 PM on Wednesday.',
    ],
  },
);

const CLOSED =
  'comments (?:are|have been) (?:closed|disabled)|comments closed|kommentare (?:sind )?geschlossen|die kommentarfunktion ist (?:geschlossen|deaktiviert)|les commentaires sont (?:fermes|clos)|commentaires fermes|los comentarios estan cerrados|comentarios cerrados|i commenti sono chiusi|commenti chiusi|os comentarios estao (?:fechados|encerrados)|comentarios encerrados|reacties zijn gesloten|reageren is niet (?:meer )?mogelijk';

/** "Comments are closed." and its kin: the section ends here. */
export const commentsClosed = shortRule(
  'comments-closed',
  120,
  anyOf([new RegExp(`^(?:${CLOSED})(?: for this (?:article|post|story))?\\s?[.!]?$`)]),
  {
    removes: ['Comments are closed.', 'Kommentare sind geschlossen.', 'Les commentaires sont fermés.', 'Reacties zijn gesloten.'],
    keeps: ['The gray haze led to canceled flights, closed schools, and created a public health emergency. The government distributed 5 million face masks to schoolchildren.', 'Comment & Opinion'],
  },
  opening(CLOSED),
);

// The openings of the four rules the section search asks of every block after
// the article's first hundred words, a bit each: one walk for the four, which
// turns most blocks away for all of them.
const MARKS = openingTrie([[COUNT_LEADS, COUNT_WORDS, COUNT_NOUNS], [HEADINGS], [FORM_HEADINGS], [CLOSED]]);
export const COUNT_MARK = 1;
export const HEADING_MARK = 2;
export const FORM_MARK = 4;
export const CLOSED_MARK = 8;

// The cue class of the same four: a text none of them can match holds none of
// their words (the counter's nouns, the headings', the reply form's, the
// closed notice's), whole, and is spared the walk.
export const SECTION_CUE = cueClass(wholeWords(COUNT_NOUNS), wholeWords(HEADINGS), wholeWords(FORM_HEADINGS), wholeWords(CLOSED));

/**
 * Which of the counter, the comments heading, the reply form's heading and
 * "Comments are closed" (COUNT_MARK, HEADING_MARK, FORM_MARK, CLOSED_MARK) a
 * text may be by its opening: a rule whose bit is not set does not match it.
 */
export function sectionMarks(text: string): number {
  return openings(MARKS, text);
}

/** Prompts to sign in or register before one may comment. */
export const signInPrompt = shortRule(
  'sign-in-prompt',
  160,
  anyOf([
    /^(?:sign in|log in|login|sign up|register|sign in now|log in now|sign in here|create an account|create account|register a new account|anmelden|einloggen|registrieren|konto erstellen|connexion|se connecter|s'inscrire|inscription|creer un compte|iniciar sesion|registrarse|crear (?:una )?cuenta|accedi|registrati|crea un account|entrar|fazer login|cadastre-se|criar (?:uma )?conta|inloggen|aanmelden|registreren|account aanmaken)\s?[.!]?$/,
    /\b(?:sign|log) ?in to (?:comment|reply|post|leave a comment|join)\b/,
    /^(?:or )?(?:sign|log) ?(?:in|up) with\b/,
    /\bcreate an account or sign in\b/,
    /\balready have an account\b/,
    /\bsign up for (?:a|an) (?:new |free )?account\b/,
    /\b(?:must|need to) be (?:a member|logged in|signed in|registered)\b/,
    /\blog in using one of these methods\b/,
    /\bangemeldet sein\b/,
    /\bbereits (?:ein )?(?:konto|registriert)\b/,
    /\betre connecte\b/,
    /\bvous (?:devez vous )?(?:connecter|identifier)\b/,
    /\b(?:inicia|iniciar|inicie) (?:sesion|sessao)\b/,
    /\bdeja (?:un compte|inscrit)\b/,
    /\biniciar sesion para\b/,
    /\bya tienes (?:una )?cuenta\b/,
    /\bessere (?:connesso|registrato)\b/,
    /\bhai gia un account\b/,
    /\bfazer login para\b/,
    /\bja tem (?:uma )?conta\b/,
    /\bingelogd zijn\b/,
    /\bal een account\b/,
    /(?:^|\s)(?:войдите|авторизуйтесь|зарегистрируйтесь)(?![\p{L}])/u,
    /^(?:войти|вход|регистрация|ログイン|新規登録)$/u,
  ]),
  {
    removes: [
      'Create an account or sign in to comment',
      'You need to be a member in order to leave a comment',
      'Create an account',
      "Sign up for a new account in our community. It's easy!",
      'Register a new account',
      'Sign in',
      'Already have an account? Sign in here.',
      'Sign In Now',
      'Please log in using one of these methods to post your comment:',
      'You must be logged in to leave a comment. Not a member? Register now!',
      'LOG IN WITH',
      'OR SIGN UP WITH DISQUS ?',
      'Du musst angemeldet sein, um einen Kommentar abzugeben.',
      'Vous devez vous connecter ou vous inscrire pour répondre ici.',
      'Inicia sesión para comentar',
      'Чтобы оставить комментарий, войдите или зарегистрируйтесь.',
      'Sign up for free to join this conversation on GitHub. Already have an account? Sign in to comment',
    ],
    keeps: ['     * If you already have a Hulu account, visit your account page to upgrade', '   A life-threatening encounter with AI technology convinced me that the needs of people with disabilities need to be engineered into our autonomous future.'],
  },
);

// The buttons under each forum post that end it.
const POST_END =
  /^(?:top|nach oben|haut|arriba|torna su|topo|omhoog|improve this (?:question|answer)|mejora esta (?:pregunta|respuesta)|melhore esta (?:pergunta|resposta)|link to (?:comment|post)|share on other sites|link zum kommentar|auf anderen seiten teilen|lien vers le commentaire|partager sur d.autres sites|enlace al comentario|compartir en otros sitios|link al commento|condividi su altri siti|link para o comentario|compartilhar em outros sites|link naar reactie|delen op andere sites)$/;

// A row of buttons with a quote button in it ("Like Quote Reply") closes a forum post.
const QUOTE_BUTTONS = 'quote|multiquote|citer|zitieren|citar|cita|citeer';
const QUOTE_BUTTON = new RegExp(`(?:^|\\s)(?:${QUOTE_BUTTONS})(?:\\s|$)`);

/** The cue class of a post's closing line: a button's words, whole. */
export const POST_END_CUE = cueClass(wholeWords(POST_END.source.slice(4, -2)), wholeWords(QUOTE_BUTTONS));

// What a post's closing line may be before the fold: a character beyond ASCII,
// or either pattern read case aside (with the list bullet folded would set
// aside). Text all ASCII folds to its lower case, where they match alike.
const MAY_END_POST = new RegExp(
  `[^\\x00-\\x7f]|^(?:${SYMBOL_BULLET.source.slice(1)})?\\s*(?:${POST_END.source.slice(1, -1)})\\s*$|${QUOTE_BUTTON.source}`,
  'i',
);

/** Whether a block is the link, share or button row that closes a forum post; `cues`: its text's, where known. */
export function isPostEnd(block: Block, cues = ALL_CUES): boolean {
  if (block.text.length > 60 || (cues & POST_END_CUE) === 0) return false;
  // Every block is asked, most of them short: most are turned away before the
  // fold, but for a block the rules have just folded.
  if (block.text !== lastText && !MAY_END_POST.test(block.text)) return false;
  const t = folded(block);
  return POST_END.test(t) || (t.includes(' ') && QUOTE_BUTTON.test(t) && replyLink.matches(block));
}

/** Forum thread furniture: post buttons, "Recommended Posts", poster profiles, who is browsing. */
export const forumFurniture = shortRule(
  'forum-furniture',
  160,
  anyOf([
    POST_END,
    /^(?:recommended posts|quote|report post|multiquote|post reply|go to topic listing|reply to this topic|start new topic|create new\s?(?:\.\.\.|…)?|empfohlene beitrage|zitieren|antwort erstellen|citer|repondre au sujet|citar|responder al tema|cita|rispondi al messaggio|responder ao topico|citeer|reageer op onderwerp|messages recommandes|publicaciones recomendadas|post raccomandati|posts recomendados|aanbevolen berichten)$/,
    // The poster's profile beside each post.
    /^(?:posts|joined|location|beitrage|registriert|wohnort|messages|inscription|localisation|mensajes|registrado|ubicacion|messaggi|iscritto|localita|mensagens|localizacao|berichten|lid sinds|locatie)\s?:\s?\S/,
    // "Re: Title": the subject line every reply repeats.
    /^(?:re|aw|antw|rif|res|sv)\s?:\s\S/,
    /^\d{1,7} (?:posts?|beitrage|messages|mensajes|messaggi|mensagens|berichten)\b.{0,20}\b(?:page|seite|pagina|pagina) \d{1,5} (?:of|von|sur|de|di|van) \d{1,5}$/,
    /^(?:return to|zuruck zu|retourner vers|volver a|torna a|voltar para|terug naar) \S/,
    /^#\d{1,6}$/,
    /^(?:click to expand|cliquez pour agrandir|zum vergroßern anklicken|haz clic para expandir|clicca per espandere|clique para expandir|klik om uit te vouwen)\s?(?:\.{3,4}|…)?$/,
    /^(?:recently browsing|kurzlich hier|navigation recente|navegando recientemente|navigazione recente|navegando recentemente|recent bekeken)(?: \d{1,6}(?: members?| users?| mitglieder| membres| miembros| membri| membros| leden)?)?$/,
    /^no registered users viewing this page\.?$/,
  ]),
  {
    removes: ['Link to comment', 'Share on other sites', 'Improve this answer', 'Recommended Posts', '  • Recently Browsing   0 members', '    • No registered users viewing this page.', '  • Create New...', 'Top', 'Quote', 'Posts: 214', 'Joined: Sat Mar 04, 2023 6:40 pm', 'Re: Home server won\'t boot from NVMe after BIOS update', '5 posts • Page 1 of 1', 'Return to “Storage and Boot”', '#2', 'Cliquez pour agrandir...'],
    keeps: ['Microsoft may earn an Affiliate Commission if you purchase something through recommended links in this article.', 'A favor: would you take a moment to share this information?', 'Top Stories'],
  },
);

/** Whether a global pattern matches the text twice, without collecting every match. */
function atLeastTwo(re: RegExp, t: string): boolean {
  re.lastIndex = 0;
  const twice = re.test(t) && re.test(t);
  re.lastIndex = 0;
  return twice;
}

// What each count STAT matches ends with, read on the line before the fold: its
// last digit, perhaps a decimal, one character more (the fold's "k" may come from
// "K" or a letter beyond ASCII) and the space before its word. The fold makes no
// digit, dot, comma or space of another character, so two counts on the fold are
// two of these on the line. Most lines with a digit have one at most ("17 Nov
// 2019, 7:12pm") and are turned away before the fold.
const COUNT_END = /\d(?:[.,]\d)?\S? /g;
// A count starts a word: a digit with a space or the line's start before it, looked
// behind for rather than matched, so that the scan stops only at digits.
const STAT = /(?<!\S)\d{1,4}(?:[.,]\d)?k? (?:replies|views|users|likes|posts|antworten|aufrufe|reponses|vues|respuestas|vistas|risposte|visite|respostas|visualizacoes|reacties|weergaven)\b/g;

/** A forum topic's summary line: "created Jan 14 last reply 20h 7 Replies 2.1k views 5 users 12 likes". */
export const topicStats = shortRule(
  'topic-stats',
  200,
  (t) => atLeastTwo(STAT, t),
  {
    removes: ['created Jan 14   last reply 20h   7 Replies   2.1k views   5 users   12 likes', 'Créé le 14 janv. · Dernière réponse 20 h · 7 Réponses · 2.1K vues'],
    keeps: ['Storing Unreal assets outside version control            12   2.3k Aug 2024', '7 Replies'],
  },
  (text) => atLeastTwo(COUNT_END, text),
);

const EDIT_NOTE =
  /^(?:last )?(?:edited|zuletzt bearbeitet|bearbeitet|modifie|edite|editado|modificato|bewerkt)\b.{0,60}?\b(?:by|von|par|por|da|door) (\S.{0,59})$/;

/** The name in a forum post's edit note ("Edited by ELVIS123456"), or null. */
export function editedBy(text: string): string | null {
  if (text.length > 140) return null;
  const m = EDIT_NOTE.exec(fold(text.trim()));
  return m ? text.trim().slice(-m[1]!.length).trim() : null;
}

/** "Edited by NAME": the edit, not the text. */
export const editNote: Rule = {
  kind: 'edit-note',
  matches: (block) => editedBy(block.text) !== null,
  examples: {
    removes: ['Edited by ELVIS123456', 'Edited 1 hour ago by Scott', 'Bearbeitet von Mehlstaub'],
    keeps: ['   Edited by: Louis Jacobson', 'A video showing the dramatic moment a kidnapped 8-year-old Fort Worth girl was rescued by police was released on Monday. NBC 5 has edited the video to exclude graphic content and protect the identity of the victim.'],
  },
};

// A word between spaces.
const TOKEN = /\S+/g;

// Buttons printed under each comment.
const BUTTON_WORDS = new Set(
  [
    'reply replies report flag like likes unlike share permalink quote edit delete upvote downvote vote votes',
    'antworten melden zitieren teilen bearbeiten loschen repondre signaler citer partager modifier supprimer',
    'responder denunciar citar compartir editar borrar rispondi segnala cita condividi modifica elimina',
    "compartilhar curtir excluir beantwoorden reageren citeren delen bewerken verwijderen balas j'aime",
    'save embed parent hide follow award ответить пожаловаться нравится 返信 通報',
    '↑ ↓ ↩ | · •',
  ]
    .join(' ')
    .split(' '),
);

/** "Reply", "Like Reply", "Responder": the buttons under a comment. */
export const replyLink = shortRule(
  'reply-link',
  60,
  (t) => {
    // Word by word, to stop at the first that is not a button: mostly the first.
    // Marks without a letter or digit ("|", "↑") are no words.
    // Both spellings hold " perman", which few lines do.
    const text = t.includes(' perman') ? t.replace(/\b(?:link permanente|lien permanent)\b/g, 'permalink') : t;
    let words = 0;
    let button = false;
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
      const w = m[0];
      if (!/[\p{L}\p{N}]/u.test(w)) continue;
      if (++words > 6) return false;
      if (BUTTON_WORDS.has(w)) button = true;
      else if (!/^\(?\d{1,5}\)?$/.test(w)) return false;
    }
    return button;
  },
  {
    removes: ['Reply', 'Responder', 'Balas', 'Reply ↓', 'Like Reply', 'Antworten', 'Share ›', 'Antworten  Melden', 'Répondre', '* permalink', 'Répondre  Lien permanent', 'Ответить'],
    keeps: ['Report: Where Connecticut cities rank in list of best, worst', 'Unfortunately, I don\'t remember where I read about it, so I don\'t have a link.'],
  },
);

const SORT_TOKEN = /[^\s:,]+/g;
const SORT = /^(?:sort|sorted|order|by|best|newest|oldest|top|popular|latest|sortieren|nach|neueste|alteste|beste|trier|par|plus|recents|anciens|ordenar|por|mas|nuevos|antiguos|mejores|ordina|per|piu|recenti|vecchi|migliori|mais|novos|antigos|melhores|sorteer|op|nieuwste|oudste)$/;

/** "Sort by Best", "Best Newest Oldest": how the comment list is ordered. */
export const commentSort = shortRule(
  'comment-sort',
  120,
  (t) => {
    if (/^(?:sorted by|sort by|sortiert nach|trie par|trier par|ordenado por|ordenar por|ordinato per|gesorteerd op):/.test(t)) return true;
    // Word by word (colons and commas part words too), to stop at the first that is not about order.
    let words = 0;
    let key = false;
    SORT_TOKEN.lastIndex = 0;
    for (let m = SORT_TOKEN.exec(t); m; m = SORT_TOKEN.exec(t)) {
      if (++words > 6 || !SORT.test(m[0])) return false;
      key ||= /^(?:newest|oldest|best|sort|sortieren|trier|ordenar|ordina|sorteer|neueste|nieuwste)$/.test(m[0]);
    }
    return words >= 2 && key;
  },
  { removes: ['Sort by Best', 'Best Newest Oldest', 'sorted by: best', 'Sorted by: Highest score (default) Date modified (newest first) Date created (oldest first)'], keeps: ["Best Deal We've Found", 'Best of the Capital Region 2019: Pizza'] },
);

/** "Load more comments": the list goes on elsewhere. */
export const commentPagination = shortRule(
  'comment-pagination',
  80,
  anyOf([
    /^(?:load|show|view|see|read) (?:more|all|older|newer|previous)(?: \d{1,6})? (?:comments|replies|responses)(?: \(\d{1,6}\))?$/,
    /^(?:older|newer|previous|next) comments$/,
    /^(?:load|show) more\s?(?:\.\.\.|…)?$/,
    /^(?:loading comments|show new comments(?: \(\d{1,6}\))?|(?:blog )?comments powered by disqus)\.?(?:\.\.|…)?$/,
    /^(?:weitere|mehr|alle) kommentare (?:laden|anzeigen)$/,
    /^(?:afficher|voir|charger) (?:plus de|les autres|tous les) commentaires$/,
    /^(?:cargar|ver|mostrar) mas comentarios$/,
    /^(?:carica|mostra|visualizza) altri commenti$/,
    /^(?:carregar|ver|mostrar) mais comentarios$/,
    /^(?:meer|alle) reacties (?:laden|tonen|bekijken)$/,
  ]),
  {
    removes: ['Load more comments', 'Load More Comments', 'Show more comments (20)', 'Show new comments (0)', 'Loading comments...', 'blog comments powered by Disqus', 'Weitere Kommentare laden', 'Afficher plus de commentaires', 'Load more...'],
    keeps: ['See all Sport', 'See more photos:'],
  },
);

/** A comment's vote or like count on a line of its own: "7", "3 Likes". */
export const voteCount = shortRule(
  'vote-count',
  30,
  (t) =>
    /^[+-]?\d{1,6}(?: (?:likes?|votes?|points?|upvotes?|gefallt mir|j'aime|me gusta|mi piace|curtidas?|vind ik leuk))?$/.test(t) ||
    /^(?:likes?|votes?|gefallt mir|j'aime|me gusta|mi piace|curtir|vind ik leuk) \d{1,6}$/.test(t) ||
    /^reactions?: \S{1,4} \d{1,6}(?: \S{1,4} \d{1,6}){0,5}$/u.test(t),
  { removes: ['7', '3 Likes', '1 Like', '+12', 'Me gusta 12', 'Reactions: 👍 4'], keeps: ['1. Périphérique nantais : des travaux de nuit jusqu\'en juin', '2 Comentários', '4.86 from 73 votes'] },
);

/** Star ratings a commenter gave: "★★★★☆", "Recipe Rating ☆☆☆☆☆". */
const STAR = /[★☆✩✭⭐]/;
// A line without a star is turned away in one scan, before the pattern tries each length of a label.
export const commentRating = shortRule('comment-rating', 60, (t) => STAR.test(t) && /^(?:[\p{L} ]{0,30} )?[★☆✩✭⭐]{3,5}(?: \(?\d(?:[.,]\d)?\s?\/\s?5\)?)?$/u.test(t), {
  removes: ['★★★★★', '★★★★☆', 'Recipe Rating ☆☆☆☆☆'],
  keeps: ['CONTINUING THREAT', 'Rate this recipe'],
});

/** The alt text of a commenter's picture. */
export const avatar = shortRule('avatar', 30, (t) => /^(?:avatar|user avatar|profile picture|profilbild|photo de profil|foto de perfil|immagine del profilo|profielfoto)$/.test(t), {
  removes: ['Avatar', '     * avatar'],
  keeps: ['CONTINUING THREAT', 'Jamelle Bouie'],
});

const TIMELINE_EVENT = anyOf([
  /^@?\S{1,40}(?: \S{1,40})? (?:added|removed) the .{1,60} labels?\b/,
  /^@?\S{1,40}(?: \S{1,40})? (?:self-assigned this|assigned|unassigned|mentioned this (?:issue|pull request)|referenced this|closed this|reopened this|locked|unlocked|pinned this|changed the title|linked a pull request|requested a review)\b/,
  /^(?:merged|open|closed|draft)$/,
]);
// A reference card to another issue: its title and number. Its pattern tries
// each length of the title: a line without a "#" is spared it.
const ISSUE_REFERENCE = /^[^.!?]{3,100}\s#\d{1,7}$/;

/** Issue-tracker events between comments: labels, assignments, cross-references, state changes. */
export const timelineEvent = shortRule(
  'timeline-event',
  200,
  (t) => TIMELINE_EVENT(t) || (t.includes('#') && ISSUE_REFERENCE.test(t)),
  {
    removes: [
      '@dmitri-v dmitri-v added the bug label Mar 31, 2025',
      '@marlene-o marlene-o self-assigned this Mar 31, 2025',
      '@marlene-o marlene-o mentioned this issue Apr 2, 2025',
      'Recompute next run in job time zone after every run #483',
      'Merged',
      '@marlene-o marlene-o closed this as completed in #483 Apr 3, 2025',
    ],
    keeps: ['Since the clocks went forward in Europe on Sunday, every job scheduled with an explicit time zone runs one hour late.', 'Version 3.4.1, Node 20.11, running in a Debian container with TZ unset.'],
  },
);

// The arrows postNavigation's patterns start and end with.
const ARROW_FIRST = new Set([...'«‹←'].map((c) => c.charCodeAt(0)));
const ARROW_LAST = new Set([...'»›→'].map((c) => c.charCodeAt(0)));

/** Links to the previous and next post: "« Older post", "Newer post »". */
export const postNavigation = shortRule(
  'post-navigation',
  120,
  (t) => {
    // A link's arrow stands at an end: most lines have none there, and are turned away before the patterns.
    if (!ARROW_FIRST.has(t.charCodeAt(0)) && !ARROW_LAST.has(t.charCodeAt(t.length - 1))) return false;
    // A quotation in guillemets closes inside the line.
    const inner = t.slice(1, -1);
    if (/[«‹»›]/.test(inner)) return false;
    return /^[«‹←]\s?\S/.test(t) || (/\S\s?[»›→]$/.test(t) && !/[.!]\s?[»›→]$/.test(t));
  },
  {
    removes: ['« 湯冷ましを使うと、煎茶はこんなに甘くなる', '骨董市で見つけた小さな茶托の話 »', '« Najd (Arab Saudi) Serang Yaman dan Syam Location of Najd is in Iraq or in Najd? »'],
    keeps: ["Discussion dans 'Chaudières gaz et fioul' démarrée par Gaëlle_R, 12 Mars 2025.", 'Sign in to complete account merge'],
  },
);

/** A lone mark left by a widget: "+" (expand), "×" (close), "↑". */
export const strayMark: Rule = {
  kind: 'stray-mark',
  matches: (block) => block.text.length <= 3 && !/[\p{L}\p{N}]/u.test(block.text),
  examples: { removes: ['+', '×'], keeps: ['7', 'X'] },
};

/** Chrome of comment sections and forums: reply forms, policies, post furniture. */
export const COMMENT_RULES: readonly Rule[] = [
  commentCount,
  commentHeading,
  commentForm,
  commentPolicy,
  commentsClosed,
  signInPrompt,
  forumFurniture,
  editNote,
  replyLink,
  topicStats,
  commentSort,
  commentPagination,
  voteCount,
  commentRating,
  avatar,
  strayMark,
  timelineEvent,
  postNavigation,
];
