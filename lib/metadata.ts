// Bylines and date lines, read from the text of a page dump. Everything here
// works on short lines: anything longer than a heading is not a byline or a
// date line, and is turned away before a regex sees it.

const MAX_LINE = 200;

/**
 * Lower case without accents, one character for one character, so that a
 * position found in the folded text is the same position in the original
 * ("März" → "marz", "Août" → "aout"). Phrase lists are written folded.
 */
export function fold(input: string): string {
  // The parsers ask about one line several times in a row.
  if (input === lastIn) return lastOut;
  lastIn = input;
  const text = String(input);
  if (ASCII.test(text)) return (lastOut = toLowerCase.call(text));
  // Beyond ASCII each character folds alone, as foldChar has it, and the fold
  // is written unit by unit into a buffer read back as one string: lower case
  // of the whole text would look at context ("Σ") and lengthen "İ", and a
  // two-byte string's is ICU's, which costs twice this loop.
  const length = text.length;
  const out = 2 * length <= FOLD_BUFFER.length ? FOLD_BUFFER : Buffer.allocUnsafe(2 * length);
  for (let i = 0; i < length; i++) {
    const code = charCodeAt.call(text, i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length && (charCodeAt.call(text, i + 1) & 0xfc00) === 0xdc00) {
      const pair = foldChar(slice.call(text, i, i + 2));
      putUnit(out, i, charCodeAt.call(pair, 0));
      putUnit(out, ++i, charCodeAt.call(pair, 1));
    } else {
      putUnit(out, i, code < 0x80 ? (code >= 0x41 && code <= 0x5a ? code | 0x20 : code) : foldUnit(code));
    }
  }
  return (lastOut = out.toString('utf16le', 0, 2 * length));
}

let lastIn = '';
let lastOut = '';
// Room for the fold of a line of a page (longer texts get a buffer of their own).
const FOLD_BUFFER = Buffer.alloc(2 * 1024);

/** A UTF-16 unit into a buffer read as UTF-16LE, at unit index i. */
function putUnit(buffer: Buffer, i: number, unit: number): void {
  buffer[2 * i] = unit & 0xff;
  buffer[2 * i + 1] = unit >> 8;
}

// Block texts come in many string maps (one- and two-byte, sliced, cons), and a
// method loaded off them turns megamorphic: a probe of V8's stub cache at each
// call. Called through these constants, the target is known whatever the map.
const charCodeAt = String.prototype.charCodeAt;
const slice = String.prototype.slice;
const toLowerCase = String.prototype.toLowerCase;

/** A text all ASCII. */
// eslint-disable-next-line no-control-regex
export const ASCII = /^[\x00-\x7f]*$/;

/** One character (a code point) folded, or left as it is when folding would change its length. */
function foldChar(ch: string): string {
  let bare = FOLDED_CHARS.get(ch);
  if (bare === undefined) {
    // Accents go from Latin letters only: Cyrillic й is a letter of its own.
    const lower = (/\p{Script=Latin}/u.test(ch) ? ch.normalize('NFD').replace(/\p{M}/gu, '') : ch).toLowerCase();
    bare = lower.length === ch.length ? lower : ch;
    FOLDED_CHARS.set(ch, bare);
  }
  return bare;
}

// Each distinct character is worked out once. A page has a few hundred
// distinct characters at most.
const FOLDED_CHARS = new Map<string, string>();

// Each unit of the basic plane folded alone (a lone surrogate stays as it is),
// 0 while not yet worked out: no unit beyond ASCII folds to 0.
const FOLDED_UNITS = new Uint16Array(0x10000);

function foldUnit(code: number): number {
  let folded = FOLDED_UNITS[code]!;
  if (folded === 0) {
    folded = charCodeAt.call(foldChar(String.fromCharCode(code)), 0);
    FOLDED_UNITS[code] = folded;
  }
  return folded;
}

// Month names and their usual abbreviations in English, German, French,
// Spanish, Italian, Portuguese and Dutch (and Russian), folded.
const MONTHS = new Map<string, number>();
[
  'january jan januar janner janvier janv enero ene gennaio gen janeiro januari',
  'february feb februar fevrier fevr fev febrero febbraio fevereiro februari',
  'march mar marz maerz mrz mars marzo marco maart mrt',
  'april apr avril avr abril abr aprile',
  'may mai mayo maggio mag maio mei',
  'june jun juni juin junio giugno giu junho',
  'july jul juli juillet juil julio luglio lug julho',
  'august aug aout agosto ago augustus',
  'september sep sept septembre septiembre setiembre settembre set setembro',
  'october oct oktober okt octobre octubre ottobre ott outubro out',
  'november nov novembre noviembre novembro',
  'december dec dezember dez decembre diciembre dic dicembre dezembro',
].forEach((names, i) => {
  for (const name of names.split(' ')) MONTHS.set(name, i + 1);
});
['январь января', 'февраль февраля', 'март марта', 'апрель апреля', 'май мая', 'июнь июня', 'июль июля', 'август августа', 'сентябрь сентября', 'октябрь октября', 'ноябрь ноября', 'декабрь декабря'].forEach((names, i) => {
  for (const name of names.split(' ')) MONTHS.set(name, i + 1);
});

// Words a date line may carry besides the date: labels, weekdays, connectors.
const DATE_WORDS = new Set(
  [
    'published posted updated update last modified date dated created released written on at the of am pm',
    'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun',
    'veroffentlicht aktualisiert zuletzt erstellt geandert datum stand um uhr den am vom',
    'montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag',
    'publie mis a jour le la du de cree lundi mardi mercredi jeudi vendredi samedi dimanche h',
    'publicado actualizado fecha el del las lunes martes miercoles jueves viernes sabado domingo',
    'pubblicato aggiornato il alle ore lunedi martedi mercoledi giovedi venerdi sabato domenica di',
    'atualizado data em as segunda terca quarta quinta sexta feira',
    'gepubliceerd bijgewerkt laatst op om uur maandag dinsdag woensdag donderdag vrijdag zaterdag zondag',
  ]
    .join(' ')
    .split(' '),
);

// Offsets of the zone abbreviations that name one zone only.
const ZONES: Record<string, string> = {
  utc: 'Z', gmt: 'Z', z: 'Z', est: '-05:00', edt: '-04:00', cst: '-06:00', cdt: '-05:00',
  mst: '-07:00', mdt: '-06:00', pst: '-08:00', pdt: '-07:00', cet: '+01:00', cest: '+02:00',
  mez: '+01:00', mesz: '+02:00', bst: '+01:00',
};

interface Found {
  iso: string;
  start: number;
  end: number;
}

/** A count below 100 in two digits. */
const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);

// Days of each month in a common year; February has one more in a leap year.
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

function isoDay(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  if (day > MONTH_DAYS[month - 1]! + (month === 2 && isLeap(year) ? 1 : 0)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * A large Unicode class (`\p{L}`) written so that V8 tests the ASCII characters
 * it holds, most of a line's, inline: a class that large is a call into C for
 * each character it tests (RegExpMacroAssembler::IsCharacterInRangeArray). It
 * matches the same characters, and each one way only (the branches are
 * disjoint), so a match and its backtracking are as with the class itself.
 */
function asciiFirst(ascii: string, large: string): string {
  return `(?:[${ascii}]|(?![${ascii}])${large})`;
}
const LETTER = asciiFirst('a-zA-Z', '\\p{L}');
// (?<!\p{L}), asking the ASCII letters first.
const NO_LETTER_BEFORE = '(?<![a-zA-Z])(?<!\\p{L})';

type DateForm = {
  re: RegExp;
  day: (m: RegExpExecArray, folded: string) => string | null;
  /** What stands around the year of every match: bits of yearCues. */
  year: number;
  /** What every match holds, found far faster than `re` looks for a month name at every letter. */
  cue?: RegExp;
};

// Every form, a month and year too, writes its year as a run of exactly four
// digits, and what touches the run says which forms can hold it: one scan for
// the runs turns away the forms that cannot match before each scans the line.
// (?<!\d)\d{4}(?!\d), with its first digit read before the look-behind, which
// then asks of the character before it: a scan far faster where digits are few.
const YEAR_RUN = /\d(?<!\d\d)\d{3}(?!\d)/g;
const DASH_AFTER = 1; // 2017-11-09
const SLASH_AFTER = 2; // 2017/11/09
const SLASH_BEFORE = 4; // 11/9/2017
const SEPARATOR_BEFORE = 8; // 10.11.2017, 10-11-2017, 10. 11. 2017
const SPACE_AFTER_NUMBER = 16; // November 10, 2017; Nov 10th 2017
const SPACE_AFTER_WORD = 32; // 10 November 2017; 10 nov. 2017; November 2017

/**
 * Bits saying what stands around each year-like run of digits, 0 when there is
 * none. Read the same in a text and its fold (letters are any case, and fold
 * keeps digits, punctuation and positions), so that a text is turned away before it is folded.
 */
function yearCues(text: string): number {
  let cues = 0;
  // test, not exec: every run is four units long, so it ends where the scan
  // stopped, and no match array is made for it.
  YEAR_RUN.lastIndex = 0;
  while (YEAR_RUN.test(text)) {
    const at = YEAR_RUN.lastIndex - 4;
    const after = text.charCodeAt(at + 4);
    const before = text.charCodeAt(at - 1);
    if (after === 0x2d) cues |= DASH_AFTER;
    else if (after === 0x2f) cues |= SLASH_AFTER;
    if (before === 0x2f) cues |= SLASH_BEFORE;
    else if (before === 0x2e || before === 0x2d) cues |= SEPARATOR_BEFORE;
    else if (before === 0x20) {
      const word = text.charCodeAt(at - 2);
      if (word === 0x2e || word === 0x2d) cues |= SEPARATOR_BEFORE;
      // A day number, its ordinal's last letter (st, nd, rd, th, in either case) or a comma.
      const lower = word | 0x20;
      if ((word >= 0x30 && word <= 0x39) || word === 0x2c || lower === 0x74 || lower === 0x64 || lower === 0x68) cues |= SPACE_AFTER_NUMBER;
      // A month name's last letter (any letter, "de", "del"), its dot or a comma.
      if (word === 0x2e || word === 0x2c || (word >= 0x61 && word <= 0x7a) || (word >= 0x41 && word <= 0x5a) || word >= 0x80) cues |= SPACE_AFTER_WORD;
    }
  }
  return cues;
}

// Every form is anchored on digits or a month name and has no nested
// quantifier, so a scan is linear in the line's length.
const DAY_FORMS: DateForm[] = [
  // 2017-11-09, 2017-11-09T21:52:00+01:00 (the time part is read by TIME below)
  { re: /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/, year: DASH_AFTER, day: (m) => isoDay(+m[1]!, +m[2]!, +m[3]!) },
  // 2017/11/09
  { re: /(?<!\d)(\d{4})\/(\d{1,2})\/(\d{1,2})(?!\d)/, year: SLASH_AFTER, day: (m) => isoDay(+m[1]!, +m[2]!, +m[3]!) },
  // 10.11.2017, 10-11-2017: day first, as everywhere these separators are used
  { re: /(?<![\d.])(\d{1,2})([.-]) ?(\d{1,2})\2 ?(\d{4})(?!\d)/, year: SEPARATOR_BEFORE, day: (m) => isoDay(+m[4]!, +m[3]!, +m[1]!) },
  // 11/9/2017: month first in English (US) text, day first elsewhere, and
  // whenever the first number cannot be a month
  {
    re: /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?!\d)/,
    year: SLASH_BEFORE,
    day: (m, folded) => (+m[1]! > 12 || DAY_FIRST.test(folded) ? isoDay(+m[3]!, +m[2]!, +m[1]!) : isoDay(+m[3]!, +m[1]!, +m[2]!)),
  },
  // November 10, 2017; Nov. 10 2017; 10th
  {
    re: new RegExp(`${NO_LETTER_BEFORE}(${LETTER}{3,10})\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})(?!\\d)`, 'u'),
    year: SPACE_AFTER_NUMBER,
    cue: / \d{1,2}(?:st|nd|rd|th)?,? \d{4}(?!\d)/,
    day: (m) => {
      const month = MONTHS.get(m[1]!);
      return month ? isoDay(+m[3]!, month, +m[2]!) : null;
    },
  },
  // 10 November 2017; 10. November 2017; 10 de noviembre de 2017; 1er janvier 2017
  {
    re: new RegExp(`(?<![\\d.])(\\d{1,2})(?:st|nd|rd|th|er|º|°|\\.)? (?:de )?(${LETTER}{3,10})\\.?,? (?:de |del )?(\\d{4})(?!\\d)`, 'u'),
    year: SPACE_AFTER_WORD,
    day: (m) => {
      const month = MONTHS.get(m[2]!);
      return month ? isoDay(+m[3]!, month, +m[1]!) : null;
    },
  },
];

// November 2017; noviembre de 2017
const MONTH_YEAR = new RegExp(`(?<![a-zA-Z\\d])(?<![\\p{L}\\d])(${LETTER}{3,10})\\.? (?:de )?(\\d{4})(?!\\d)`, 'u');

const TIME = /(?<![\d:])(\d{1,2})(?::|h)(\d{2})(?::(\d{2}))?(?![\d])(?: ?([ap])\.? ?m\b\.?)?/;
// 15.30 Uhr, 06.00 BST: a dotted time only where a clock word says it is one.
const DOT_TIME = /(?<![\d.])(\d{1,2})\.(\d{2})(?= ?(?:uhr|utc|gmt|bst|cet|cest|mez|mesz|est|edt|pst|pdt|et|ct)\b)/;
const OFFSET = /^ ?(?:\(?(utc|gmt)?([+-]\d{1,2}(?::?\d{2})?)\)?|\(?([a-z]{1,4})\b\)?)/;

// Words that say a date line is not English, where 05/06/2024 is the 5th of June.
const DAY_FIRST =
  /\b(?:publicado|publie|pubblicato|veroffentlicht|gepubliceerd|atualizado|actualizado|aggiornato|aktualisiert|bijgewerkt|em|el|le|il|op|um|om|uhr|as|a las|alle|de|du|del)\b|\d{1,2}h\d{2}/;

// What every year-like run holds, looked for by mayBeCredit together with a by-word.
const YEAR_DIGITS = /\d{4}/;

/** The first calendar day written in the folded text, if any. */
function scanDay(folded: string, cues = yearCues(folded)): Found | null {
  if (!cues) return null;
  let best: Found | null = null;
  for (const form of DAY_FORMS) {
    const m = cues & form.year && (!form.cue || form.cue.test(folded)) ? form.re.exec(folded) : null;
    if (!m) continue;
    const iso = form.day(m, folded);
    if (iso && (!best || m.index < best.start)) best = { iso, start: m.index, end: m.index + m[0].length };
    // A later form wins only by starting earlier.
    if (best?.start === 0) break;
  }
  return best;
}

/** A clock time (with its zone, when one is named) after `from`, as `THH:MM[:SS][offset]`. */
function scanTime(folded: string, from: number): Found | null {
  const rest = folded.slice(from);
  const m = TIME.exec(rest) ?? DOT_TIME.exec(rest);
  if (!m) return null;
  let hour = +m[1]!;
  const minute = +m[2]!;
  const half = m[4];
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  let iso = `T${pad(hour)}:${pad(minute)}${m[3] ? `:${m[3]}` : ''}`;
  let end = from + m.index + m[0].length;
  const zone = OFFSET.exec(folded.slice(end));
  if (zone) {
    const offset = zone[2] ? toOffset(zone[2]) : zone[1] ? 'Z' : ZONES[zone[3] ?? ''];
    if (offset) {
      iso += offset;
      end += zone[0].length;
    }
  }
  return { iso, start: from + m.index, end };
}

function toOffset(raw: string): string | null {
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(raw);
  if (!m || +m[2]! > 14) return null;
  return `${m[1]}${pad(+m[2]!)}:${m[3] ?? '00'}`;
}

/** A date (and the time that follows it) anywhere in a short text. */
function scanDate(text: string): Found | null {
  if (text.length > MAX_LINE * 4) return null;
  const cues = yearCues(text);
  return cues ? scanFoldedDate(fold(text), cues) : null;
}

/** scanDate of text already folded, given its yearCues. */
function scanFoldedDate(folded: string, cues: number): Found | null {
  const day = scanDay(folded, cues);
  if (!day) return null;
  const time = scanTime(folded, day.end);
  // A time belongs to the date when only a connector stands between them.
  if (time && /^(?:t|[\s,|@–—-]*(?:at|um|a|à|alle|as|às|om|a las)?[\s,]*)$/.test(folded.slice(day.end, time.start))) {
    return { iso: day.iso + time.iso, start: day.start, end: time.end };
  }
  return day;
}

/**
 * A full calendar day written anywhere in the text, e.g. in a copyright line
 * (`-- © Copyright Reuters 2017-11-09`), or null. A year alone is not enough.
 */
export function findDate(text: string): string | null {
  return scanDate(text)?.iso ?? null;
}

/**
 * A short label followed by a date line ("Stephanie September 17, 2014 - 1:01 pm",
 * "Posted November 9, 2017"): the label, separators trimmed, and the date.
 */
export function labelledDate(text: string): LabelledDate | null {
  // The comment header search asks about a line again from the next window of blocks: the last answer is kept.
  if (text !== lastLabelledIn) {
    lastLabelledIn = text;
    lastLabelled = labelledDateOf(text);
  }
  return lastLabelled;
}

/** A date line's label and date; the same object for a line asked about twice in a row. */
export interface LabelledDate {
  readonly label: string;
  readonly date: string;
}

let lastLabelledIn = '';
let lastLabelled: LabelledDate | null = null;

/** labelledDate, worked out. */
function labelledDateOf(text: string): LabelledDate | null {
  if (text.length > MAX_LINE) return null;
  const cues = yearCues(text);
  const folded = cues ? fold(text) : '';
  const found = cues ? scanFoldedDate(folded, cues) : null;
  if (!found || found.start === 0) return null;
  // parseDate of the text from the date on, which finds the same date there: a
  // form that could match where it starts only without what stands before it
  // (its look-behind) reads a digit where the date's form reads a letter or a
  // different separator, and the time after it is looked for alike. Only a
  // slashed date is read by the words around it (DAY_FIRST): the text from it
  // on is parsed anew.
  const date =
    cues & SLASH_BEFORE
      ? parseDate(text.slice(found.start))
      : dayLine(folded.slice(found.start), { iso: found.iso, start: 0, end: found.end - found.start });
  if (!date) return null;
  return { label: text.slice(0, found.start).replace(/[\s,|·•–—@-]+$/, '').trim(), date };
}

/** Whether every word of the text is a date line's label, weekday or connector ("Wednesday", "Posted on"). */
export function onlyDateLabels(text: string): boolean {
  // Word by word, to stop at the first that is not one: mostly the first.
  const folded = fold(text);
  WORD.lastIndex = 0;
  let words = 0;
  for (let m = WORD.exec(folded); m; m = WORD.exec(folded), words++) if (!DATE_WORDS.has(m[0])) return false;
  return words > 0;
}

const WORD = new RegExp(`${asciiFirst('a-zA-Z0-9', '[\\p{L}\\p{N}]')}+`, 'gu');

/** Whether what is left of a line besides its date is only labels and connectors. */
function onlyDateWords(rest: string): boolean {
  // Word by word, to stop at the seventh word or the second that is no date word.
  WORD.lastIndex = 0;
  let words = 0;
  let others = 0;
  for (let m = WORD.exec(rest); m; m = WORD.exec(rest)) {
    if (++words > 6 || (!DATE_WORDS.has(m[0]) && ++others > 1)) return false;
  }
  return true;
}

/** The date (ISO 8601, as precise as stated) when the text is a date line, else null. */
export function parseDate(text: string): string | null {
  // The comment header search asks about a line again with the next caller,
  // and extract about the lines classify has just read: the last answer is kept.
  if (text !== lastDateIn) {
    lastDateIn = text;
    lastDate = dateOf(text);
  }
  return lastDate;
}

let lastDateIn = '';
let lastDate: string | null = null;

/** parseDate, worked out. */
function dateOf(text: string): string | null {
  if (text.length > MAX_LINE) return null;
  const cues = yearCues(text);
  if (!cues) return null;
  const folded = fold(text);
  const found = scanFoldedDate(folded, cues);
  if (found) return dayLine(folded, found);
  const m = cues & SPACE_AFTER_WORD ? MONTH_YEAR.exec(folded) : null;
  const month = m ? MONTHS.get(m[1]!) : undefined;
  if (!m || !month || +m[2]! < 1900 || +m[2]! > 2100) return null;
  return onlyDateWords(folded.slice(0, m.index) + ' ' + folded.slice(m.index + m[0].length)) ? `${m[2]}-${pad(month)}` : null;
}

/** parseDate of a folded line, given the first day found in it. */
function dayLine(folded: string, found: Found): string | null {
  let rest = folded.slice(0, found.start) + ' ' + folded.slice(found.end);
  // A time before the date ("9:52 am, November 10, 2017") is part of it too.
  let iso = found.iso;
  if (!iso.includes('T')) {
    const time = scanTime(folded, 0);
    if (time && time.end <= found.start) {
      iso += time.iso;
      rest = folded.slice(0, time.start) + ' ' + folded.slice(time.end, found.start) + ' ' + folded.slice(found.end);
    }
  }
  return onlyDateWords(rest) ? iso : null;
}

/** parseDate of a line whose date is a calendar day (a month and year alone are not enough), else null. */
function parseDay(text: string): string | null {
  const found = text.length > MAX_LINE ? null : scanDate(text);
  return found && dayLine(fold(text), found);
}

// "28 minutes ago" and its kin; a relative time says nothing absolute
// without the moment the page was fetched, which a page dump does not carry.
// Forums print it compact ("3d", "20h"), and a day without its year ("Jan 14")
// is relative to the same unknown moment.
const RELATIVE_FORMS = [
  /\d{1,3} ?(?:s|m|h|d|w|mo|y)\b(?!\.)/,
  /(?:about |over |almost |around )?(?:\d{1,4}|an?|one|a few) (?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mos?|months?|y|yrs?|years?) ago\b/,
  /(?:vor|seit) (?:\d{1,4}|einer|einem|ein) (?:sekunden?|minuten?|stunden?|tag|tagen|wochen?|monat|monaten|jahr|jahren)\b/,
  /il y a (?:\d{1,4}|une?) (?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?|annees?)\b/,
  /hace (?:\d{1,4}|una?) (?:segundos?|minutos?|horas?|dias?|semanas?|mes|meses|anos?)\b/,
  /(?:\d{1,4}|una?) (?:secondi|secondo|minuti|minuto|ore|ora|giorni|giorno|settimane|settimana|mesi|mese|anni|anno) fa\b/,
  /(?:ha |a )(?:\d{1,4}|uma?) (?:segundos?|minutos?|horas?|dias?|semanas?|mes|meses|anos?)\b/,
  /(?:\d{1,4}|uma?) (?:segundos?|minutos?|horas?|dias?|semanas?|mes|meses|anos?) atras\b/,
  /(?:\d{1,4}|een) (?:seconden?|minuut|minuten|uur|uren|dag|dagen|week|weken|maand|maanden|jaar|jaren) geleden\b/,
  /(?:just now|yesterday|today|gestern|heute|hier|aujourd'hui|ayer|hoy|ieri|oggi|ontem|hoje|gisteren|vandaag)\b/,
];
// One scan tries the forms in turn: the first that matches at the start wins,
// as in a loop over them. Sticky: it reads a line from a given index on, as it
// would the line's suffix from there (no form looks behind its start).
const RELATIVE = new RegExp(`(?:${RELATIVE_FORMS.map((re) => re.source).join('|')})`, 'y');

const MONTH_DAY = new RegExp(`(?:(${LETTER}{3,10})\\.? (\\d{1,2})|(\\d{1,2})\\.? (?:de )?(${LETTER}{3,10})\\.?)(?![\\d,])`, 'uy');

/** Length of the relative time (or day without a year) the text starts with, or 0. */
export function relativeTimeLength(text: string): number {
  return text.length > MAX_LINE || !mayStartRelativeTime(text) ? 0 : foldedRelativeTimeLength(fold(text));
}

/**
 * Whether a relative time (or a day without a year) may start at `from` in the
 * text's fold, read on the text itself or on its fold alike: the fold keeps
 * digits and spaces where they are and makes no others (tested over every
 * character), turns ASCII letters to lower case, and may make an ASCII letter
 * of a character beyond ASCII, which therefore lets the text through. Most
 * lines are turned away here before they are folded.
 */
export function mayStartRelativeTime(text: string, from = 0): boolean {
  return mayStartRelative(text, from) || mayStartMonthDay(text, from);
}

/**
 * relativeTimeLength of text already folded, from index `from` on: callers
 * try many suffixes of one line without cutting them out.
 */
export function foldedRelativeTimeLength(folded: string, from = 0): number {
  if (mayStartRelative(folded, from)) {
    RELATIVE.lastIndex = from;
    const relative = RELATIVE.exec(folded);
    if (relative) return relative[0].length;
  }
  if (!mayStartMonthDay(folded, from)) return 0;
  MONTH_DAY.lastIndex = from;
  const day = MONTH_DAY.exec(folded);
  return day && MONTHS.get(day[1] ?? day[4]!) && !scanDay(folded.slice(from)) ? day[0].length : 0;
}

// The words RELATIVE_FORMS can start with, as far as their ASCII letters go
// ("aujourd'hui" → "aujourd"); every other form starts with a digit.
const RELATIVE_LEADS = 'about over almost around a an one vor seit il hace un una ha um uma een just yesterday today gestern heute hier aujourd ayer hoy ieri oggi ontem hoje gisteren vandaag'.split(' ');
const LONGEST_LEAD = 9;
// The leads by first letter (a–z), looked up in place: a word cut out of the line to look up costs a string.
const LEADS_BY_INITIAL: string[][] = Array.from({ length: 26 }, () => []);
for (const lead of RELATIVE_LEADS) LEADS_BY_INITIAL[lead.charCodeAt(0) - 0x61]!.push(lead);

/**
 * What RELATIVE needs at `from`, tested without a regex: a digit, or one of its
 * first words, in either case; a word with a character beyond ASCII may fold to one.
 */
function mayStartRelative(text: string, from: number): boolean {
  if (isDigitAt(text, from)) return true;
  let end = from;
  for (let code = text.charCodeAt(end); end - from <= LONGEST_LEAD; code = text.charCodeAt(++end)) {
    if (code >= 0x80) return true;
    if (!((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a)) break;
  }
  const length = end - from;
  if (length === 0 || length > LONGEST_LEAD) return false;
  search: for (const lead of LEADS_BY_INITIAL[(text.charCodeAt(from) | 0x20) - 0x61]!) {
    if (lead.length !== length) continue;
    for (let i = 1; i < length; i++) if ((text.charCodeAt(from + i) | 0x20) !== lead.charCodeAt(i)) continue search;
    return true;
  }
  return false;
}

const isDigitAt = (text: string, i: number) => {
  const code = text.charCodeAt(i);
  return code >= 0x30 && code <= 0x39;
};

/**
 * What MONTH_DAY needs at `from`, tested without a regex: a day number there,
 * or a word of 3 to 10 letters (up to 20 UTF-16 units), perhaps a dot, and a
 * space before a day number. Most words after a space have neither.
 */
function mayStartMonthDay(folded: string, from: number): boolean {
  if (isDigitAt(folded, from)) return true;
  const space = folded.indexOf(' ', from);
  return space >= from + 3 && space <= from + 21 && isDigitAt(folded, space + 1);
}

// --- bylines ---------------------------------------------------------------

// "By", "Von", "Par", "Por", "Di", "Door", "De", with the longer forms and
// the "Author:" labels; matched on the folded text.
const BY_WORDS = 'by|von|par|por|di|door|de|da';
const AUTHOR_LABELS = 'author|authors|autor|autoren|autorin|auteur|auteurs|autore|autori|autores|автор|авторы';
const BYLINE_PREFIX = new RegExp(
  `^(?:(?:written|reported|posted|story|words|text|geschrieben|ecrit|escrito|scritto|geschreven|texto|testo) )?(?:${BY_WORDS})\\s+|^(?:${AUTHOR_LABELS})\\s?:\\s*`,
);
// The same words where a part of a credit line can start: a line without them
// (and without a year, for "Name - date") is no byline, and is not split up.
const BY_WORD = `(?:(?:${BY_WORDS})\\s|(?:${AUTHOR_LABELS})\\s?:)`;
const BYLINE_WORD = new RegExp(`(?:^|[\\s|·•–—-])${BY_WORD}`);
// A year or a by-word in the line as it stands, case ignored: what ignoring
// case finds there, BYLINE_WORD finds in the folded line too.
const CREDIT_CUE = new RegExp(`${YEAR_DIGITS.source}|${BYLINE_WORD.source}`, 'i');
// The same, or a character beyond ASCII: an ASCII line without either is
// turned away without a lower-case copy (there ignoring case is folding). A
// by-word at the line's start is looked for apart: the scan of the rest then
// does not ask at every position whether it is the start (~8% faster).
const CREDIT_CUE_AT_START = new RegExp(`^${BY_WORD}`, 'i');
const CREDIT_CUE_OR_WIDE = new RegExp(`[^\\x00-\\x7f]|${YEAR_DIGITS.source}|[\\s|·•–—-]${BY_WORD}`, 'i');
// The characters whose fold is an ASCII letter that ignoring case does not
// equate with them: accented Latin letters, and the Ångström sign.
// Only a line with one can fold to a by-word that CREDIT_CUE did not see.
const FOLDS_TO_ASCII = /[\u00c0-\u024f\u1e00-\u1eff\u212b]/;

/**
 * Whether the text may be a date line or a byline: it holds a year, or a
 * by-word or author label where BYLINE_WORD reads its folded form. Without
 * either, parseDate and parseByline both give null; extract asks this of
 * every line at a page's head, most of which have neither.
 */
export function mayBeCredit(input: string): boolean {
  const text = String(input);
  if (text.length > MAX_LINE || !(CREDIT_CUE_AT_START.test(text) || CREDIT_CUE_OR_WIDE.test(text))) return false;
  return ASCII.test(text) || CREDIT_CUE.test(text) || (FOLDS_TO_ASCII.test(text) && BYLINE_WORD.test(fold(text)));
}

// Lower-case words that belong inside a name (Jan de Vries, Ludwig van Beethoven).
const PARTICLES = new Set('van von der den de da di del della dos das do du le la zu ter ten bin ibn al el'.split(' '));
// Capitalised words that start a clause, or name a role, not a person.
const NOT_NAMES = new Set(
  [
    'the a an this that these those it its he she we they i my our your his her their there here',
    'der die das ein eine le la les un une el los las il lo gli o os het een',
    'updated published posted monday tuesday wednesday thursday friday saturday sunday today yesterday',
  ]
    .join(' ')
    .split(' '),
);
// Words that make a list item a job title ("By John Smith, Staff Writer").
const ROLES = new Set(
  [
    'staff writer writers reporter reporters editor editors correspondent contributor contributors columnist senior',
    'redaktion redakteur redakteurin korrespondent korrespondentin journalist journalistin',
    'redaction journaliste correspondant correspondante redaccion periodista corresponsal',
    'redazione giornalista corrispondente redacao redactie verslaggever correspondent',
  ]
    .join(' ')
    .split(' '),
);

const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{M}'’.-]*|(?:al|el|ad|ar|as|ash|at)-\p{Lu}[\p{L}\p{M}'’-]*|\p{Lu}\.)$/u;

/** A person's name: one to five capitalised words, particles inside only. */
function personName(item: string): string | null {
  const words = item.split(' ').filter(Boolean);
  if (words.length < 1 || words.length > 5) return null;
  const first = words[0]!;
  const last = words[words.length - 1]!;
  if (PARTICLES.has(first) || PARTICLES.has(last)) return null;
  for (const w of words) {
    if (NOT_NAMES.has(fold(w).replace(/[.'’]+$/, ''))) return null;
    if (!NAME_WORD.test(w) && !PARTICLES.has(w)) return null;
  }
  // Shouted bylines (BY LAILA BASSAM) read better as names.
  const shouted = words.every((w) => w === w.toUpperCase());
  return shouted ? words.map((w) => (PARTICLES.has(w.toLowerCase()) ? w.toLowerCase() : titleCase(w))).join(' ') : words.join(' ');
}

function titleCase(word: string): string {
  return word.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

const LIST_SEPARATOR = /\s*,\s*(?:(?:and|und|et|y|e|en)\s+)?|\s+(?:and|und|et|y|e|en|&)\s+/;
// Credit lines join their parts with bars and dots: "By Meg Alvarez · Published March 10, 2025 · 48 Comments".
const PART_SEPARATOR = /\s+[|·•–—-]\s+|\s*\|\s*/;
// What every separator holds: most lines have none, and are one part.
const SEPARATOR_MARK = /[|·•–—-]/;
// "Posted on DATE by NAME": the by-word after a date.
const BY_AFTER_DATE = /^[\s,]*(?:by|von|par|por|di|da|door)\s/i;
// The same by-word anywhere: a part without "By" before its names and without this has no names after its date either.
const BY_ANYWHERE = /(?:by|von|par|por|di|da|door)\s/i;

/** Names from a list ("Laila Bassam and Angus McDowall"), job titles dropped; null when an item is not a name. */
function nameList(text: string): string[] | null {
  const cleaned = text.replace(/[\s,;:|·•–—-]+$/, '').trim();
  if (!cleaned) return null;
  const items = cleaned.split(LIST_SEPARATOR).filter(Boolean);
  // Job titles, publications and credentials ("Staff Writer", "cleveland.com",
  // "CNN", "MS, RD") are not names; in a byline set in capitals every word is.
  const shouted = cleaned === cleaned.toUpperCase();
  const names = items.filter(
    (item) => !item.split(' ').some((w) => ROLES.has(fold(w)) || /\.[a-z]{2,}$/i.test(w) || (!shouted && /^\p{Lu}{2,}$/u.test(w))),
  );
  if (!names.length) return null;
  const parsed = names.map(personName);
  return parsed.some((p) => p === null) ? null : (parsed as string[]);
}

/** The names at the start of a text, up to the first word that cannot be in one ("Elvira Montanari 4 commenti"). */
function leadingNames(text: string): string[] | null {
  const words = text.trim().split(' ');
  let n = 0;
  while (n < words.length && n < 12 && (NAME_WORD.test(words[n]!.replace(/,$/, '')) || PARTICLES.has(words[n]!) || /^(?:and|und|et|y|e|en|&)$/.test(words[n]!))) {
    n++;
    if (words[n - 1]!.endsWith(',') && !NAME_WORD.test(words[n] ?? '')) break;
  }
  return n ? nameList(words.slice(0, n).join(' ')) : null;
}

/** Authors named in one part of a credit line, or null; `alone`: a part without "By" beside the line's date. */
function partByline(part: string, alone: boolean): string[] | null {
  let rest = part.replace(/^[\s|·•–—-]+/, '').trim();
  const prefix = BYLINE_PREFIX.exec(fold(rest));
  if (!prefix && !alone && !BY_ANYWHERE.test(rest)) return null;
  const date = scanDate(rest);
  if (!prefix && date) {
    // "Posted on February 27, 2025 by Ruth Calloway": the names follow the date.
    const by = BY_AFTER_DATE.exec(rest.slice(date.end));
    if (by) return leadingNames(rest.slice(date.end + by[0].length));
  }
  if (!prefix && !alone) return null;
  if (prefix) rest = rest.slice(prefix[0].length);
  if (date) {
    // What follows the names (a date) is not part of them.
    rest = rest.slice(0, Math.max(0, date.start - (prefix ? prefix[0].length : 0)));
    rest = rest.replace(/(?:\s+(?:on|am|le|el|il|em|op|published|updated|posted))+\s*$/i, '');
  } else {
    // "Posted by Graham Pell at 9:12 AM": a clock time ends the names too.
    const time = scanTime(fold(rest), 0);
    if (time) rest = rest.slice(0, time.start).replace(/\s+(?:at|um|a|à|alle|as|às|om)\s*$/i, '');
  }
  const parsed = nameList(rest);
  // "De Gaulle", "Da Vinci": the short Romance prefixes are names' own particles
  // unless a full name follows.
  if (parsed && prefix && /^(?:de|da|di)\s/.test(prefix[0]) && parsed[0]!.split(' ').length < 2) return null;
  return parsed;
}

/** Author names when the text is a byline ("By Laila Bassam and Angus McDowall"), else null. */
export function parseByline(text: string): string[] | null {
  if (!mayBeCredit(text)) return null;
  // A line without a separator is one part, and "Name - date" needs two.
  if (!SEPARATOR_MARK.test(text)) return partByline(text, false);
  const parts = text.split(PART_SEPARATOR).filter((p) => p.trim());
  for (const part of parts) {
    const names = partByline(part, false);
    if (names) return names;
  }
  // Without "By", only "Name - date" says that a name is an author, and of one
  // name only: "New Delhi, News Nation Bureau | Updated …" is a place and a desk.
  if (parts.length >= 2 && parts.slice(1).some(parseDay)) {
    const names = partByline(parts[0]!, true);
    return names?.length === 1 ? names : null;
  }
  return null;
}
