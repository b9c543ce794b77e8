import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { type FuzzOptions, type FuzzRun, GENERATORS, basePages, describeVerdict, execute, failed, planRun } from '../scripts/fuzz-kit.js';

// The fuzz suite, bounded: a fixed seed, three batch runs of the CLI over a folder
// of mutated and random pages and three runs through stdin. The long run is
// `npm run fuzz`; it uses the same generator and judges the same way. Nothing is
// timed: a run is killed only after a generous timeout, and a killed run fails.

const SEED = 20261121;

// Generators whose inputs the code does not handle yet. They still run, in a run
// of their own whose checks are todo, so that the output shows what fails.
const NOT_MET_YET: Record<string, string> = {
  'deep-nesting':
    'no DOM depth limit yet: deeply nested HTML (a few thousand levels) makes the HTML chain run for minutes or overflow the stack',
};

const tmp = mkdtempSync(join(tmpdir(), 'unchrome-fuzz-test-'));
t.teardown(() => rmSync(tmp, { recursive: true, force: true }));
t.setTimeout(30 * 60_000);

const base: FuzzOptions = {
  bases: basePages(),
  perRun: 15,
  stdinShare: 0,
  baseTimeoutMs: 120_000,
  perInputMs: 10_000,
  kinds: Object.keys(GENERATORS).filter((k) => !(k in NOT_MET_YET)),
  tmp,
};

const plans = [
  ...[0, 1, 2].map((run) => planRun(SEED, run, base)),
  ...[3, 4, 5].map((run) => planRun(SEED, run, { ...base, stdinShare: 1 })),
];

t.test('the generator is seeded: the same seed gives the same inputs', async (t) => {
  const again = planRun(SEED, 0, base);
  t.same(again.inputs.map((i) => i.name), plans[0]!.inputs.map((i) => i.name));
  t.ok(again.inputs.every((input, n) => input.bytes.equals(plans[0]!.inputs[n]!.bytes)));
});

for (const plan of plans) {
  const what = plan.viaStdin ? `stdin: ${plan.inputs[0]!.name}` : `${plan.inputs.length} files: ${[...new Set(plan.inputs.map((i) => i.kind))].join(', ')}`;
  t.test(`run ${plan.run} (${[...plan.flags, what].join(' ')})`, async (t) => {
    const f = await execute(plan, base);
    for (const line of f.verdict.internal) t.comment(`reported as an internal error: ${line}`);
    t.same(describeVerdict({ ...f.verdict, internal: [] }), [], 'exit 0 or 1, one record or error per document, valid JSONL, no stack trace, no hang');
    t.notOk(failed(f.verdict));
  });
}

// All start together when the first is reached: most of them hang until killed.
let notMetRuns: Map<string, Promise<FuzzRun>> | null = null;
const notMetRun = (kind: string) => {
  notMetRuns ??= new Map(
    Object.keys(NOT_MET_YET).map((k) => {
      const options = { ...base, perRun: 3, baseTimeoutMs: 60_000, perInputMs: 0, kinds: [k] };
      return [k, execute(planRun(SEED, 100, options), options)];
    }),
  );
  return notMetRuns.get(kind)!;
};
for (const [kind, todo] of Object.entries(NOT_MET_YET)) {
  t.test(`${kind} (not met yet)`, async (t) => {
    const f = await notMetRun(kind);
    t.same(describeVerdict({ ...f.verdict, internal: [] }), [], 'exit 0 or 1, one record or error per document, valid JSONL, no stack trace, no hang', { todo });
    t.same(f.verdict.internal, [], 'no internal error', { todo });
  });
}
