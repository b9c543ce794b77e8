import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { findDate, fold, foldedRelativeTimeLength, labelledDate, mayBeCredit, mayStartRelativeTime, parseByline, parseDate, relativeTimeLength } from '../lib/metadata.js';
import { SEEDS } from './helpers.js';

// Real lines from the seeds, the benchmark dumps and the acceptance pages.

t.test('bylines: names without the "By"', async (t) => {
  const cases: [string, string[]][] = [
    ['By Laila Bassam and Angus McDowall', ['Laila Bassam', 'Angus McDowall']],
    ['By Jamelle Bouie', ['Jamelle Bouie']],
    ['By Tess Bonn - 11/19/19 06:56 AM EST', ['Tess Bonn']],
    ['Von Katrin Ebersbach', ['Katrin Ebersbach']],
    ['Par Camille Roux', ['Camille Roux']],
    ['Por Ana Luísa Prado', ['Ana Luísa Prado']],
    ['Door Sanne Verbeek', ['Sanne Verbeek']],
    ['Door Femke de Wit | 14 januari 2025 | Energie, Verbouwing | 2 reacties', ['Femke de Wit']],
    ['By Daniel Okafor and Priya Nair', ['Daniel Okafor', 'Priya Nair']],
  ];
  for (const [line, names] of cases) t.same(parseByline(line), names, line);
});

t.test('bylines: lists in several languages', async (t) => {
  t.same(parseByline('Von Anna Müller und Peter Schmidt'), ['Anna Müller', 'Peter Schmidt']);
  t.same(parseByline('Par Jean Dupont et Marie Curie'), ['Jean Dupont', 'Marie Curie']);
  t.same(parseByline('Por Juan Pérez y María López'), ['Juan Pérez', 'María López']);
  t.same(parseByline('Di Mario Rossi e Luigi Bianchi'), ['Mario Rossi', 'Luigi Bianchi']);
  t.same(parseByline('Door Jan de Vries en Piet Jansen'), ['Jan de Vries', 'Piet Jansen']);
});

t.test('bylines: credit lines that hold a date and more', async (t) => {
  t.same(parseByline('Name - Nov 19, 2019, 10:31 pm CST'), ['Name']);
  t.same(parseByline('Posted on February 27, 2025 by Ruth Calloway — 5 Comments'), ['Ruth Calloway']);
  // The by-word after the date, in each language and in capitals.
  t.same(parseByline('Publié le 3 mars 2025 par Jean Dupont'), ['Jean Dupont']);
  t.same(parseByline('Veröffentlicht am 3. März 2025 von Anna Schmidt'), ['Anna Schmidt']);
  t.same(parseByline('3 de marzo de 2025, por Ana López'), ['Ana López']);
  t.same(parseByline('12 settembre 2025 di Marco Rossi'), ['Marco Rossi']);
  t.same(parseByline('14 mei 2025 door Jan de Vries'), ['Jan de Vries']);
  t.same(parseByline('Posted November 9, 2017 BY MEG ALVAREZ'), ['Meg Alvarez']);
  t.same(parseByline('By Meg Alvarez · Published March 10, 2025 · 48 Comments Jump to Recipe Print Recipe'), ['Meg Alvarez']);
  t.same(parseByline('Pubblicato il 3 marzo 2025 da Elvira Montanari 4 commenti'), ['Elvira Montanari']);
  t.same(parseByline('Publicado a 12 de agosto de 2024 por Rui Carvalho · 2 comentários'), ['Rui Carvalho']);
  t.same(parseByline('Updated June 18, 2025 | By Owen Fairley | 9 min read'), ['Owen Fairley']);
  t.same(parseByline('Posted by Graham Pell at 9:12 AM'), ['Graham Pell']);
  t.same(
    parseByline('Publicado el 10 de mayo de 2024 por Lucía Ferrer Categorías: Castilla-La Mancha, Escapadas 3 comentarios'),
    ['Lucía Ferrer'],
  );
});

t.test('bylines: a lower-case prefix, an author label, other scripts', async (t) => {
  t.same(parseByline('di Marco Bellini'), ['Marco Bellini']);
  t.same(parseByline('Автор: Ирина Соколова'), ['Ирина Соколова']);
  t.equal(parseByline('by design'), null);
});

t.test('bylines: the by-word in any case, on lines with and without accents', async (t) => {
  t.same(parseByline('VON ANNA MULLER'), ['Anna Muller']);
  t.same(parseByline('VON ANNA MÜLLER'), ['Anna Müller']);
  t.same(parseByline('AUTHOR: JANE DOE'), ['Jane Doe']);
  t.same(parseByline('AUTORE: JANE DOE'), ['Jane Doe']);
  t.same(parseByline('Autoré: Jane Doe'), ['Jane Doe']);
});

t.test('bylines: sentences and credits that are not bylines', async (t) => {
  for (const line of [
    'Have you already played Dare to Play 3? (By the way, playing this game, you can undress a real girl ;))',
    'By the way, playing this game, you can undress a real girl',
    'By clicking Confirm Account, I agree to the terms of service and privacy policy of Rogers Media.',
    '(Reporting by Laila Bassam, Angus McDowall and Sarah Dadouch in Beirut, Ahmed Rasheed in Baghdad and Raya Jalabi in Erbil; Editing by Robin Pomeroy)',
    'Saturday, November 11, 2017',
    'Mo 6. Jan 2025, 09:12',
    'De Gaulle',
  ]) {
    t.equal(parseByline(line), null, line);
  }
});

t.test('dates: as precise as the line says', async (t) => {
  const cases: [string, string][] = [
    ['Published: November 10, 2017, 9:52 am', '2017-11-10T09:52'],
    ['Saturday, November 11, 2017', '2017-11-11'],
    ['Nov. 10th, 2017', '2017-11-10'],
    ['Posted November 9 2017', '2017-11-09'],
    ['2017-11-09', '2017-11-09'],
    ['10.11.2017', '2017-11-10'],
    ['10 novembre 2017', '2017-11-10'],
    ['10. November 2017', '2017-11-10'],
    ['10 de noviembre de 2017', '2017-11-10'],
    ['November 2017', '2017-11'],
    ['21.11.2026, 14:05 Uhr', '2026-11-21T14:05'],
    ['Publié le 3 mars 2025 à 10h12', '2025-03-03T10:12'],
    ['12 settembre 2025 | 07:30', '2025-09-12T07:30'],
    ['14 mei 2025, 07:15', '2025-05-14T07:15'],
    ['13 de agosto de 2024 às 10:21', '2024-08-13T10:21'],
    ['12 de mayo de 2024 a las 18:32', '2024-05-12T18:32'],
    ['November 19, 2019 at 6:34 am', '2019-11-19T06:34'],
    ['Mon Jan 06, 2025 9:12 am', '2025-01-06T09:12'],
    ['14 мая 2025, 11:02', '2025-05-14T11:02'],
  ];
  for (const [line, iso] of cases) t.equal(parseDate(line), iso, line);
});

t.test('dates: every form is tried whatever stands beside its year', async (t) => {
  // What touches the four digits of a year decides which forms are tried: one line for each neighbour.
  const cases: [string, string | null][] = [
    ['10. 11. 2017', '2017-11-10'],
    ['10-11-2017', '2017-11-10'],
    ['10- 11- 2017', '2017-11-10'],
    ['2017/11/09', '2017-11-09'],
    ['11/9/2017', '2017-11-09'],
    ['Nov 10th 2017', '2017-11-10'],
    ['Nov 10, 2017', '2017-11-10'],
    ['1er janvier 2017', '2017-01-01'],
    ['noviembre de 2017', '2017-11'],
    ['10 nov., 2017', '2017-11-10'],
    ['10 dic. de 2017', '2017-12-10'],
    ['14 мая 2025', '2025-05-14'],
    // Five digits are no year.
    ['12017-11-09', null],
    ['10.11.20170', null],
    // The 29th of February in leap years only (every fourth, but not 2100).
    ['29.02.2020', '2020-02-29'],
    ['29.02.2000', '2000-02-29'],
    ['29.02.2019', null],
    ['29.02.2100', null],
    ['31.04.2025', null],
    ['31 December 2025', '2025-12-31'],
  ];
  for (const [line, iso] of cases) t.equal(parseDate(line), iso, line);
});

t.test('dates: a year beside a word is read as a month only where a month name stands', async (t) => {
  // A month name in any case, any language, accented; a year beside another word is no month's.
  const cases: [string, string | null][] = [
    ['NOVEMBER 10, 2017', '2017-11-10'],
    ['10 FÉVRIER 2019', '2019-02-10'],
    ['MÄRZ 2019', '2019-03'],
    ['Mrt 2019', '2019-03'],
    ['out. de 2019', '2019-10'],
    ['Settembre 2019', '2019-09'],
    ['18 Сентября 2019', '2019-09-18'],
    ['Budget 2019', null],
    ['Top 10 2019', null],
  ];
  for (const [line, iso] of cases) t.equal(parseDate(line), iso, line);
  // A year without a month before the one with it.
  t.equal(findDate('Best gadgets of 2019, updated NOVEMBER 3, 2019'), '2019-11-03');
});

t.test('dates: a month name is read whatever character beyond ASCII spells one of its letters', async (t) => {
  // Each character that folds to a letter of a month name, put in that letter's place, leaves the month readable.
  const names: [string, string][] = [
    ['january', '01'], ['february', '02'], ['march', '03'], ['april', '04'], ['august', '08'],
    ['october', '10'], ['okt', '10'], ['november', '11'], ['december', '12'], ['dezember', '12'],
  ];
  let tried = 0;
  for (let code = 0x80; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const ch = String.fromCharCode(code);
    const letter = fold(`x${ch}x`).slice(1, -1);
    if (!/^[a-z]$/.test(letter)) continue;
    for (const [name, month] of names) {
      const at = name.indexOf(letter);
      if (at < 0) continue;
      const line = `${name.slice(0, at)}${ch}${name.slice(at + 1)} 2019`;
      tried++;
      if (parseDate(line) !== `2019-${month}`) t.fail(`${line} (U+${code.toString(16)})`);
    }
  }
  t.ok(tried > 300, `${tried} spellings tried`);
});

t.test('dates: zones, and day-first slashes outside English', async (t) => {
  t.equal(parseDate('Nov 19, 2019, 10:31 pm CST'), '2019-11-19T22:31-06:00');
  t.equal(parseDate('Thu 18 Sep 2025 06.00 BST'), '2025-09-18T06:00+01:00');
  t.equal(parseDate('Publicado em 05/06/2024 às 08h30'), '2024-06-05T08:30');
  t.equal(parseDate('11/9/2017 at 10:31 PM'), '2017-11-09T22:31');
});

t.test('dates: lines that are not date lines', async (t) => {
  for (const line of [
    'A Free Syrian army fighter holds his weapon in Jubata al-Khashab in Quneitra province, Syria, November 4, 2017. REUTERS/Alaa Al-Faqir',
    'By Laila Bassam and Angus McDowall',
    'Laila Bassam - Nov 19, 2019',
    '-- © Copyright Reuters 2017-11-09',
    '31.02.2017',
    '28 minutes ago',
  ]) {
    t.equal(parseDate(line), null, line);
  }
});

t.test('a full day found anywhere, as in a copyright line', async (t) => {
  t.equal(findDate('-- © Copyright Reuters 2017-11-09'), '2017-11-09');
  t.equal(findDate('Copyright © 2019 The Paradigm. All Rights Reserved.'), null);
});

t.test('a label before a date', async (t) => {
  t.same(labelledDate('Stephanie September 17, 2014 - 1:01 pm'), { label: 'Stephanie', date: '2014-09-17T13:01' });
  t.equal(labelledDate('September 17, 2014 - 1:01 pm'), null);
});

t.test("a label's date is the date line that follows the label, read without the label's words", async (t) => {
  // The label before a slashed date does not decide its order ("de", "Publicado em": day first in the whole line).
  const labels = ['Stephanie', 'de Marco', 'Publicado em', 'Posted by Ana', 'Jan 14 | Anna'];
  const dates = ['11/9/2017', '05/06/2024 às 08h30', 'November 10, 2017 at 9:52 am', '10 de noviembre de 2017', '10.11.2017 15.30 Uhr', '2017-11-09T21:52:00+01:00'];
  for (const label of labels) {
    for (const date of dates) {
      const line = `${label} ${date}`;
      t.same(labelledDate(line), { label, date: parseDate(date) }, line);
    }
  }
});

t.test('relative times: every form, by each word it can start with', async (t) => {
  const lines = [
    '28 minutes ago', '3h', 'about an hour ago', 'over 3 years ago', 'almost 2 weeks ago', 'around 5 days ago', 'a few seconds ago', 'a day ago',
    'an hour ago', 'one day ago', 'vor 3 Stunden', 'seit einem Tag', 'il y a une semaine', 'hace una hora', 'una settimana fa', 'un anno fa',
    'ha 2 dias', 'há uma semana', 'a 3 horas', 'um ano atrás', 'uma semana atrás', 'een week geleden', '3 dagen geleden', 'just now', 'yesterday',
    'today', 'gestern', 'heute', 'hier', "aujourd'hui", 'ayer', 'hoy', 'ieri', 'oggi', 'ontem', 'hoje', 'gisteren', 'vandaag', "Yesterday's",
  ];
  for (const line of lines) t.ok(relativeTimeLength(line) > 0, line);
});

t.test('relative times, which a dump cannot make absolute', async (t) => {
  for (const line of ['28 minutes ago', '1 hour ago', 'vor 3 Stunden', 'il y a 2 jours', 'hace 5 horas', '3 ore fa', 'há 2 dias', '1 ano atrás', '3 uur geleden', '3d', 'Jan 14', 'Septiembre. 14', '14 de marzo', 'сентября 3', '3. März']) {
    t.ok(relativeTimeLength(line) > 0, line);
  }
  for (const line of ['28 minutes', 'Jan 14, 2025', '3 Likes', 'Some time ago, I read an article about the foreigners fighting with ISIS']) {
    t.equal(relativeTimeLength(line), 0, line);
  }
});

t.test('a relative time is found after each of its first words, and not after a longer word that starts like one', async (t) => {
  for (const line of ['yesterday', 'today', 'gestern', 'heute', "aujourd'hui", 'hier', 'ayer', 'hoy', 'ieri', 'oggi', 'ontem', 'hoje', 'gisteren', 'vandaag', 'just now', 'about 3 hours ago', 'over 2 years ago', 'almost 3 years ago', 'around 5 minutes ago', 'a few minutes ago', 'an hour ago', 'one day ago', 'vor einer Woche', 'seit 3 Tagen', 'il y a une heure', 'hace una hora', 'un mese fa', 'una settimana fa', 'há 2 dias', 'um dia atrás', 'uma semana atrás', 'een dag geleden']) {
    t.equal(relativeTimeLength(line), line.length, line);
  }
  for (const line of ['hierarchy', 'abouts', 'todays news', 'yesterdays', 'heuteabend', 'justice now', 'ayers', 'hoyt', 'Onetime']) t.equal(relativeTimeLength(line), 0, line);
});

t.test('a long line of worst-case characters is turned away, not scanned', async (t) => {
  const long = '1'.repeat(1 << 20);
  t.equal(parseDate(long), null);
  t.equal(parseByline(`By ${'A '.repeat(1 << 19)}`), null);
  t.equal(findDate(`${'10.'.repeat(1 << 18)}`), null);
  t.equal(relativeTimeLength(`${'1 '.repeat(1 << 19)}`), 0);
});

t.test('fold: lower case without Latin accents, one character for one', async (t) => {
  const cases: [string, string][] = [
    ['Veröffentlicht am 3. März 2025', 'veroffentlicht am 3. marz 2025'],
    ['Août', 'aout'],
    ['Comentários', 'comentarios'],
    ['Комментарии (2)', 'комментарии (2)'],
    // Whole-string lower case would lengthen "İ" and give "Σ" its final form: each character folds alone.
    ['İSTANBUL', 'istanbul'],
    ['ΟΔΟΣ', 'οδοσ'],
    // A character outside the first plane stays whole; a lone surrogate stays as it is.
    ['Ä😀B\ud800C', 'a😀b\ud800c'],
  ];
  for (const [text, folded] of cases) {
    t.equal(fold(text), folded, text);
    t.equal(fold(text).length, text.length, `${text}: same length`);
  }
});

// Every line of the corpus's text pages: Latin, Cyrillic, Korean, Japanese.
const corpusLines = (): string[] =>
  readdirSync(SEEDS)
    .map((slug) => join(SEEDS, slug, 'input.txt'))
    .filter((path) => existsSync(path))
    .flatMap((path) => readFileSync(path, 'utf8').split('\n'))
    .map((line) => line.trim())
    .filter(Boolean);

t.test('fold: a whole line folds as its characters do one by one', async (t) => {
  const lines = [...corpusLines(), 'ΟΔΟΣ ΣΤΗΝ ΑΘΗΝΑ', 'İzmir’de ΑΣ ẞ Ǆ ﬁ K Å', 'Ärger 😀 𐐀𐐨 Σ.'];
  let differ = 0;
  for (const line of lines) if (fold(line) !== [...line].map((ch) => fold(ch)).join('')) differ++;
  t.equal(differ, 0, `${lines.length} lines`);
});

t.test('fold: a character beyond ASCII folds to no ASCII character but a letter, and only » to »', async (t) => {
  // The comment rules look for a digit, and the comment header search for digits,
  // spaces, punctuation, letters and "»", in a line before they fold it.
  const others: string[] = [];
  for (let code = 0x80; code <= 0x10ffff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const ch = String.fromCodePoint(code);
    if (/[^a-z\u0080-\u{10ffff}]/u.test(fold(ch)) || (fold(ch) === '»') !== (ch === '»')) others.push(ch);
  }
  t.same(others, []);
  t.equal(fold('Ⅻ 7 Å'), 'ⅻ 7 a');
});

t.test('a relative time read from inside a line is read as the line from there on', async (t) => {
  t.equal(foldedRelativeTimeLength(fold('Ben Whitlock • 3 years ago'), 15), '3 years ago'.length);
  t.equal(foldedRelativeTimeLength(fold('Sofía · 14 de marzo'), 8), '14 de marzo'.length);
  t.equal(foldedRelativeTimeLength(fold('The council met again'), 4), 0);
  let differ = 0;
  let found = 0;
  for (const line of corpusLines().filter((l) => l.length <= 200)) {
    const folded = fold(line);
    for (const m of line.matchAll(/ /g)) {
      const n = foldedRelativeTimeLength(folded, m.index + 1);
      if (n !== relativeTimeLength(line.slice(m.index + 1))) differ++;
      // Where the fold starts one, the line itself lets it through, in any case.
      if (n && !(mayStartRelativeTime(line, m.index + 1) && mayStartRelativeTime(line.toUpperCase(), m.index + 1))) differ++;
      if (n) found++;
    }
  }
  t.equal(differ, 0);
  t.ok(found > 20, `${found} relative times`);
  for (const line of ['Über 3 Tage', 'HACE 2 DÍAS', 'Hier', 'über', 'Vor einer Stunde', 'März 14']) t.ok(mayStartRelativeTime(line), line);
  for (const line of ['The council', 'Overall', 'x 3']) t.notOk(mayStartRelativeTime(line), line);
});

t.test('mayBeCredit turns away only lines that neither parser takes', async (t) => {
  // Every line of the acceptance pages a parser takes gets through.
  let taken = 0;
  for (const slug of readdirSync(SEEDS)) {
    const input = join(SEEDS, slug, 'input.txt');
    if (!existsSync(input)) continue;
    for (const line of readFileSync(input, 'utf8').split('\n').map((l) => l.trim())) {
      if (!parseDate(line) && !parseByline(line)) continue;
      taken++;
      if (!mayBeCredit(line)) t.fail(`turned away: ${line}`);
    }
  }
  t.ok(taken > 20, `${taken} credit lines seen`);
  // A by-word in capitals, an accented author label (folded, not ASCII), a year alone.
  for (const line of ['BY LAILA BASSAM', 'Autor: Jürgen Müller', 'Autoř: Jan Novák', 'Updated 1:39 am EST, Wednesday, November 20, 2019', '© 2019 Société Générale']) t.ok(mayBeCredit(line), line);
  for (const line of ['Über uns', 'Subscribe to our newsletter', 'Nearby stories', 'Standby mode', 'x'.repeat(201) + ' by Ann Lee 2019']) t.notOk(mayBeCredit(line), line);
});

t.test('mayBeCredit sees a by-word spelled with any character that folds to one of its letters', async (t) => {
  // Every character of the basic plane (and every Latin one beyond it) whose
  // fold is a by-word's letter, put in place of that letter: the line folds to a
  // by-word, so it must get through.
  const words = ['by', 'von', 'par', 'por', 'di', 'door', 'de', 'da', 'author:', 'autoren:', 'auteurs:', 'autorin:'];
  let tried = 0;
  for (let cp = 0x80; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    if (cp > 0xffff && !/\p{Script=Latin}/u.test(ch)) continue;
    const letter = fold(ch);
    if (!/^[a-z]$/.test(letter)) continue;
    for (const word of words.filter((w) => w.includes(letter))) {
      const line = `Posted ${word.replace(letter, ch)} Ann Lee`;
      tried++;
      if (!mayBeCredit(line)) t.fail(`turned away: ${line} (U+${cp.toString(16)})`);
    }
  }
  t.ok(tried > 400, `${tried} lines`);
});
