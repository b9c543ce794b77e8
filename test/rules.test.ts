import t from 'tap';
import { RULES } from '../lib/rules/index.js';
import { pageChromeKind } from '../lib/rules/page-chrome.js';
import { segmentText } from '../lib/segment.js';

// Every rule is held to the real lines it names: it must remove each of its
// `removes` lines and keep each of its `keeps` lines.
for (const rule of RULES) {
  t.test(rule.kind, async (t) => {
    t.ok(rule.examples.removes.length > 0, 'names at least one real line it removes');
    t.ok(rule.examples.keeps.length > 0, 'names at least one real line it keeps');
    for (const line of rule.examples.removes) {
      const [block] = segmentText(line);
      t.ok(block && rule.matches(block), `removes: ${line}`);
    }
    for (const line of rule.examples.keeps) {
      const [block] = segmentText(line);
      t.notOk(block && rule.matches(block), `keeps: ${line}`);
    }
  });
}

// The page rules look at a block's first and last letters and first word before
// they run a pattern; what they look at must let through every line the pattern
// takes, case folded beyond ASCII (ſ for s) and behind a list marker included.
t.test('page rules: the first look lets through what the patterns take', async (t) => {
  const kind = (line: string) => pageChromeKind(segmentText(line)[0]!);
  t.equal(kind('ſkip to content'), 'skip-link');
  t.equal(kind('SKIP TO CONTENT'), 'skip-link');
  t.equal(kind('Moſt popular'), 'related-links');
  t.equal(kind('o Related Articles'), 'related-links', 'a lynx sub-list marker, not a bullet to segment');
  t.equal(kind('* Tagſ: Syria, Iraq'), 'label-list');
  t.equal(kind('1. Sign in'), 'sign-in-prompt');
  t.equal(kind('| Share'), 'share-prompt', 'a row of buttons starting with a separator');
  t.equal(kind('Posted: 12 März 2024'), 'dateline');
  t.equal(kind('Photo: John Locher, AP'), 'image-caption');
});
