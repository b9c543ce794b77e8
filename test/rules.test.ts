import t from 'tap';
import { RULES } from '../lib/rules/index.js';
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
