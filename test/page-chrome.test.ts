import t from 'tap';
import { pageChromeKind } from '../lib/rules/page-chrome.js';
import { segmentText } from '../lib/segment.js';

const kind = (line: string) => pageChromeKind(segmentText(line)[0]!);

t.test('a credit-only caption is taken up to its longest form, letters beyond the basic plane two units each', async (t) => {
  // A capital and 40 more letters, each a surrogate pair, then ", " and the longest agency: 96 units.
  const name = '𝐀'.repeat(41);
  for (const agency of ['AP', 'Getty Images', 'Shutterstock']) {
    t.equal(kind(`${name}, ${agency}`), 'image-caption', `${name.length} units of name, ${agency}`);
    t.equal(kind(`${name}/${agency}`), 'image-caption', 'no space after a slash');
  }
  t.equal(kind('Michael Conroy, AP'), 'image-caption');
  t.not(kind(`${name}𝐀, AP`), 'image-caption', 'a name of 42 letters is no credit');
});
