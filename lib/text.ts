/** Character-level cleaning shared by segmentation and the final normalize stage. */

// No-break and typographic spaces print as a space; a rule looking for
// "Share on other sites" must not miss it for a U+00A0.
const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
// Zero-width joiners (U+200C, U+200D) are kept: they shape emoji and Indic and
// Persian words. Soft hyphens and zero-width spaces only break tokens apart.
const INVISIBLES = /[\u00ad\u180e\u200b\u2060\ufeff]/g;
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** One line as a reader sees it: odd spaces made plain, invisibles gone, space folded. */
export function cleanLine(line: string): string {
  return line.replace(ODD_SPACES, ' ').replace(INVISIBLES, '').replace(CONTROLS, '').replace(/[ \t]+/g, ' ').trim();
}

/**
 * Output text: NFC, every line ending as `\n` (U+2028 a line, U+2029 a paragraph),
 * lines cleaned, runs of blank lines folded to one.
 */
export function normalizeText(text: string): string {
  const lines = text
    .normalize('NFC')
    .replace(/\r\n?|\u2028|\u0085/g, '\n')
    .replace(/\u2029/g, '\n\n')
    .split('\n');
  const out: string[] = [];
  for (const raw of lines) {
    const line = cleanLine(raw);
    if (line || (out.length && out[out.length - 1] !== '')) out.push(line);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
