// What a careful reader takes out of a page, written down independently of our
// output: the format of shared/seeds/expected.json (title, published, authors,
// body_starts/ends/contains/max_count, chrome that must be gone, comments with
// author and quoted authors). A corpus case may carry one as check.json.
import type { DocumentRecord } from '../lib/types.js';

export interface PageCheck {
  title: string;
  published?: string;
  authors?: string[];
  body_starts?: string;
  body_ends?: string;
  body_contains?: string[];
  body_max_count?: Record<string, number>;
  comments: { starts: string; ends?: string; author: string | null; quotes: string[] }[];
  chrome: string[];
}

export interface CheckResult {
  name: string;
  pass: boolean;
  detail: string;
}

const norm = (s: string | null | undefined) => (s ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
const count = (hay: string, needle: string) => (needle ? hay.split(needle).length - 1 : 0);

/** The same checks as shared/seeds/check.py, one result per check. */
export function runChecks(rec: DocumentRecord, exp: PageCheck): CheckResult[] {
  const out: CheckResult[] = [];
  const check = (name: string, pass: boolean, detail = '') => out.push({ name, pass, detail });
  const body = norm(rec.body);
  const title = norm(rec.title);
  const comments = rec.comments ?? [];
  check('title', title === norm(exp.title), title.slice(0, 80));
  if (exp.published !== undefined) check('published', String(rec.published ?? '').startsWith(exp.published), String(rec.published));
  if (exp.authors !== undefined) check('authors', JSON.stringify((rec.authors ?? []).map(norm)) === JSON.stringify(exp.authors), JSON.stringify(rec.authors));
  if (exp.body_starts !== undefined) check('body starts', body.startsWith(norm(exp.body_starts)), body.slice(0, 80));
  if (exp.body_ends !== undefined) check('body ends', body.endsWith(norm(exp.body_ends)), body.slice(-80));
  for (const s of exp.body_contains ?? []) check(`body contains ${JSON.stringify(s.slice(0, 30))}`, body.includes(norm(s)));
  for (const [s, n] of Object.entries(exp.body_max_count ?? {})) {
    check(`body has ${JSON.stringify(s.slice(0, 30))} at most ${n}x`, count(body, norm(s)) <= n, String(count(body, norm(s))));
  }
  check('comment count', comments.length === exp.comments.length, `${comments.length} vs ${exp.comments.length}`);
  const kept = [title, body, ...comments.flatMap((c) => [norm(c.text), ...(c.quotes ?? []).map((q) => norm(q.text))])];
  for (const s of exp.chrome) {
    const hit = kept.find((k) => k.includes(s));
    check(`chrome ${JSON.stringify(s.slice(0, 30))} removed`, !!body && !hit, hit ? hit.slice(0, 80) : body ? '' : 'no body kept');
  }
  exp.comments.forEach((e, i) => {
    const c = comments[i];
    if (!c) return;
    const text = norm(c.text);
    check(`comment ${i + 1} starts`, text.startsWith(norm(e.starts)), text.slice(0, 60));
    if (e.ends !== undefined) check(`comment ${i + 1} ends`, text.endsWith(norm(e.ends)), text.slice(-60));
    check(`comment ${i + 1} author`, (c.author || null) === e.author, String(c.author));
    const qa = (c.quotes ?? []).map((q) => q.author);
    check(`comment ${i + 1} quotes`, JSON.stringify(qa) === JSON.stringify(e.quotes), JSON.stringify(qa));
  });
  return out;
}
