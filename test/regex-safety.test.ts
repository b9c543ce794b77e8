import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import t, { type Test } from 'tap';
import { RULES } from '../lib/rules/index.js';
import { ROOT } from '../scripts/fuzz-kit.js';

// Every chrome rule and every line-level parser is fed 1 MB lines of the worst
// characters for a backtracking pattern: runs of spaces, of letters, digits and
// punctuation, alternations like "a " repeated, and the rule's own example lines
// repeated, each followed by a character that makes a match fail at the very end.
// Nothing is timed: the work runs over the compiled dist/ in a child process that
// is killed when one step outlives STEP_KILL_MS, and a killed step fails.

const LINE = 1024 * 1024;
// A linear pass over 1 MB takes milliseconds; a catastrophic one takes years.
// The margin only absorbs a loaded machine.
const STEP_KILL_MS = 8_000;

const UNITS = [
  ' ', '\t', '\u00a0', '\u200b', 'a', 'a ', 'A', 'Ab ', 'aB', 'é', '😀', '日本', '1', '1 ', '12/', '1.', '1,', '12:', '2024-', '-', '- ', '--',
  '.', '. ', '...', '|', '| ', '*', '* ', ',', ', ', '·', ' · ', '—', '#', '@', '/', ':', ': ', '(', ')', '()', '[', ']', '"', "'", '’', '<', '>',
  '&', '?', '!', '=', '_', 'http://', 'www.', 'a.b', 'x@y.', 'By ', 'by ', 'and ', 'By Jane Doe and ', 'Jane Doe, ', 'A. B. ', 'Comment ',
  '1 Comment ', 'Share ', 'Reply ', '© ', 'Copyright ', 'Jan 1, 2024 ', '12 March 2024 ', '2024-01-01T10:00 ', '10:00 am ', '3 hours ago ',
  'min read ', 'Posted on ', 'Updated ', 'Read more ', 'Sign in ', 'Cookie ', 'img_1234.jpg ', 'Tags: ', 'a\n', 'word word word word\n',
];
const TAILS = ['', '!\u2603'];

interface Step {
  /** `rule:<index>`, or `fn:<module>:<export>`. */
  target: string;
  unit: string;
  tail: string;
}

const PARSERS: [module: string, name: string][] = [
  ['lib/metadata.js', 'parseByline'],
  ['lib/metadata.js', 'parseDate'],
  ['lib/text.js', 'cleanLine'],
  ['lib/text.js', 'normalizeText'],
  ['lib/segment.js', 'segmentText'],
];

const steps: Step[] = [];
for (const unit of UNITS) {
  for (const tail of TAILS) {
    for (const [module, name] of PARSERS) steps.push({ target: `fn:${module}:${name}`, unit, tail });
    RULES.forEach((_, i) => steps.push({ target: `rule:${i}`, unit, tail }));
  }
}
// What a rule's own patterns repeat: its example lines, and their first word.
RULES.forEach((rule, i) => {
  for (const line of [...rule.examples.removes.slice(0, 3), ...rule.examples.keeps.slice(0, 2)]) {
    for (const unit of new Set([`${line} `, `${line.split(' ')[0]} `, line])) steps.push({ target: `rule:${i}`, unit, tail: '!\u2603' });
  }
});

// The child: builds each 1 MB line from its unit, announces each step before it
// starts, and says which steps threw. Rules see the block segmentText makes of the
// line, as in the pipeline.
const CHILD = `
const dist = process.argv[1];
const { steps, from } = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
(async () => {
  const { RULES } = await import(dist + '/lib/rules/index.js');
  const { segmentText } = await import(dist + '/lib/segment.js');
  const modules = {};
  const line = (s) => s.unit.repeat(Math.ceil(${LINE} / s.unit.length)).slice(0, ${LINE}) + s.tail;
  // Steps come grouped by line: each line is segmented once for all the rules.
  let segmented = { key: null, blocks: [] };
  for (let i = from; i < steps.length; i++) {
    process.stdout.write('S ' + i + '\\n');
    const s = steps[i];
    const [kind, a, b] = s.target.split(':');
    const text = line(s);
    const fn = kind === 'rule' ? null : (modules[a] ??= await import(dist + '/' + a))[b];
    if (kind === 'rule' && segmented.key !== s.unit + s.tail) segmented = { key: s.unit + s.tail, blocks: segmentText(text) };
    const blocks = segmented.blocks;
    try {
      if (kind === 'rule') for (const block of blocks) RULES[Number(a)].matches(block);
      else if (typeof fn !== 'function') throw new Error('no such export');
      else fn(text);
    } catch (err) {
      process.stdout.write('T ' + i + ' ' + JSON.stringify(String(err && err.message)) + '\\n');
    }
  }
  process.stdout.write('E\\n');
})();
`;

interface Outcome {
  /** Steps killed after STEP_KILL_MS. */
  killed: Set<number>;
  /** Steps that threw, and what. */
  threw: Map<number, string>;
}

/** Runs steps from `from` on in one child; resolves with the step it was killed in, or null. */
function runFrom(from: number, outcome: Outcome): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD, pathToFileURL(join(ROOT, 'dist')).href], { stdio: ['pipe', 'pipe', 'pipe'] });
    let current: number | null = null;
    let killedAt: number | null = null;
    let ended = false;
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const l of lines) {
        if (l === 'E') ended = true;
        else if (l.startsWith('T ')) {
          const [, i, msg] = /^T (\d+) (.*)$/.exec(l)!;
          outcome.threw.set(Number(i), JSON.parse(msg!) as string);
        } else if (l.startsWith('S ')) {
          current = Number(l.slice(2));
          clearTimeout(timer);
          timer = setTimeout(() => {
            killedAt = current;
            child.kill('SIGKILL');
          }, STEP_KILL_MS);
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      if (killedAt !== null) resolve(killedAt);
      else if (ended) resolve(null);
      else reject(new Error(`the step runner died at step ${current}: ${stderr.slice(0, 2000)}`));
    });
    child.stdin.end(JSON.stringify({ steps, from }));
  });
}

const outcome: Outcome = { killed: new Set(), threw: new Map() };
t.setTimeout(20 * 60_000);

t.before(async () => {
  for (let from = 0; from < steps.length; ) {
    const killed = await runFrom(from, outcome);
    if (killed === null) break;
    outcome.killed.add(killed);
    from = killed + 1;
  }
});

const describe = (s: Step) => `${JSON.stringify(s.unit.length > 40 ? `${s.unit.slice(0, 40)}…` : s.unit)} × 1 MB${s.tail ? ` + ${JSON.stringify(s.tail)}` : ''}`;

function holds(t: Test, target: string): void {
  const mine = steps.map((s, i) => [s, i] as const).filter(([s]) => s.target === target);
  const killed = mine.filter(([, i]) => outcome.killed.has(i)).map(([s]) => describe(s));
  const threw = mine.filter(([, i]) => outcome.threw.has(i)).map(([s, i]) => `${describe(s)}: ${outcome.threw.get(i)}`);
  t.same(killed, [], `finishes on each of ${mine.length} worst lines (killed after ${STEP_KILL_MS / 1000} s on the ones listed)`);
  t.same(threw, [], 'throws on none');
}

for (const [module, name] of PARSERS) t.test(`${name} (${module})`, async (t) => holds(t, `fn:${module}:${name}`));
RULES.forEach((rule, i) => t.test(`rule ${rule.kind}`, async (t) => holds(t, `rule:${i}`)));
