// Measures site search on the judged query set (tests/search/queries.tsv, and the
// pending subset tests/search/pending.tsv): recall@5, MRR@10, hit@1 and the zero-result
// rate per class, through the public API window.delaybookSearch of a built site.
//
// Usage: node tests/search/eval.mjs <public dir> [--check] [--verbose] [--hardest N]
//   --check      exit 1 when the judged set (pending excluded) falls below the
//                thresholds: recall@5 < 0.95 or MRR@10 < 0.85 over the answerable
//                queries, fewer than 90% of the "nothing" queries finding nothing, or
//                a query ranking differently when typed one character at a time
//   --verbose    print every query that is not answered at rank 1
//   --hardest N  print the N queries with the lowest reciprocal rank
//   --json       print one JSON line per judged query instead (for tools)
//   --set FILE   measure FILE (e.g. tests/search/heldout-a.tsv) instead of queries.tsv;
//                the pending subset is not read
//   --min-recall X --min-mrr Y --min-hit1 Z --min-nothing W
//                thresholds of --check for this run (defaults: 0.95, 0.85, 0, 0.9)
// Run by tests/search_queries.rs. Format of the query files: tests/search/README.md.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
};
const RECALL_MIN = Number(option('--min-recall', 0.95));
const MRR_MIN = Number(option('--min-mrr', 0.85));
const HIT1_MIN = Number(option('--min-hit1', 0));
const NOTHING_MIN = Number(option('--min-nothing', 0.9)); /* share of the "nothing" queries that must find nothing */
const SET = option('--set', null);
const VALUED = ['--set', '--min-recall', '--min-mrr', '--min-hit1', '--min-nothing', '--hardest'];
const PENDING_PAGES = [
  'complaint-platform-intervention', 'wrong-or-missing-item', 'compensation-authority',
  'bad-review-after-delay'
].map((id) => `playbooks/${id}.html`);

const dir = args.find((a, i) => !a.startsWith('--') && !VALUED.includes(args[i - 1]));
const flag = (name) => args.includes(name);
const hardestAt = args.indexOf('--hardest');
const hardest = hardestAt >= 0 ? Number(args[hardestAt + 1]) : 0;
if (!dir) {
  console.error('usage: node tests/search/eval.mjs <public dir> [--check] [--verbose] [--hardest N]');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));

const window = {};
const context = vm.createContext({ window });
vm.runInContext(readFileSync(join(dir, 'search-index.js'), 'utf8'), context);
vm.runInContext(readFileSync(join(dir, 'js/search.js'), 'utf8'), context);
const index = window.DELAYBOOK_SEARCH_INDEX;
const urls = new Set();
index.s.forEach((s) => urls.add(index.p[s[0]][0] + (s[1] ? '#' + s[1] : '')));
const pages = new Set(index.p.map((p) => p[0]));

/* ---------- reading the query files ---------- */

const SHORTHAND = {
  pb: (id) => `playbooks/${id}`,
  cause: (id) => `causes/${id}`,
};

/* One alternative -> a predicate over result urls, plus what it refers to (for checks). */
function alternative(spec, groups, where) {
  if (spec.startsWith('@')) {
    const g = groups.get(spec);
    if (!g) throw new Error(`${where}: unknown group ${spec}`);
    return g;
  }
  const m = /^(pb|cause|quiz|rule|tpl|cl):([^#]+)(#.*)?$/.exec(spec);
  if (m) {
    const [, kind, id, anchor = ''] = m;
    if (kind === 'quiz') return [exact(`quiz.html#question-${id}`)];
    if (kind === 'rule') return [exact(`check.html#rule-${id}`)];
    if (kind === 'tpl') return [anchorAnywhere(`tpl-${id}`)];
    if (kind === 'cl') return [exact(`checklists.html#cl-${id}`), anchorAnywhere(`checklist-${id}`)];
    return [pageSpec(`${SHORTHAND[kind](id)}.html${anchor}`)];
  }
  if (spec.startsWith('#')) return [anchorAnywhere(spec.slice(1))];
  if (spec.endsWith('*')) {
    const prefix = spec.slice(0, -1);
    return [{ spec, test: (u) => u.startsWith(prefix), exists: () => [...urls].some((u) => u.startsWith(prefix)) }];
  }
  return [pageSpec(spec)];
}

function exact(url) {
  return { spec: url, test: (u) => u === url, exists: () => urls.has(url) };
}
function anchorAnywhere(anchor) {
  return {
    spec: '#' + anchor,
    test: (u) => u.endsWith('#' + anchor),
    exists: () => [...urls].some((u) => u.endsWith('#' + anchor)),
  };
}
/* page.html -> any section of the page; page.html# -> its intro; page.html#a -> that section. */
function pageSpec(spec) {
  const hash = spec.indexOf('#');
  if (hash < 0) {
    return { spec, page: spec, test: (u) => u.split('#')[0] === spec, exists: () => pages.has(spec) };
  }
  const page = spec.slice(0, hash);
  const url = hash === spec.length - 1 ? page : spec;
  return { spec, page, test: (u) => u === url, exists: () => urls.has(url) };
}

function readQueries(file, groups) {
  const out = [];
  readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    const where = `${file}:${i + 1}`;
    if (!line.trim() || line.startsWith('#')) return;
    const cols = line.split('\t');
    if (line.startsWith('@')) {
      groups.set(cols[0], cols[1].split('|').flatMap((a) => alternative(a, groups, where)));
      return;
    }
    if (cols.length < 3) throw new Error(`${where}: expected class, query, answer (tab-separated)`);
    const [cls, query, answer] = cols;
    const units = answer === '-' ? [] : answer.split(' ').filter(Boolean)
      .map((u) => u.split('|').flatMap((a) => alternative(a, groups, where)));
    out.push({ cls, query, units, where, answer });
  });
  return out;
}

/* Every judged target must exist in the site (or be a page still being written). */
function staleTargets(queries) {
  const problems = [];
  queries.forEach((q) => q.units.forEach((alts) => alts.forEach((a) => {
    if (!a.exists() && !PENDING_PAGES.includes(a.page)) problems.push(`${q.where}: ${a.spec} is not in the site`);
  })));
  return [...new Set(problems)];
}

/* ---------- measuring ---------- */

async function judge(q) {
  const results = await window.delaybookSearch(q.query, 10);
  const got = results.map((r) => r.url);
  const matches = (u) => q.units.some((alts) => alts.some((a) => a.test(u)));
  const firstRank = got.findIndex(matches) + 1;
  const top5 = got.slice(0, 5);
  const recall = q.units.length === 0 ? (got.length === 0 ? 1 : 0)
    : q.units.filter((alts) => top5.some((u) => alts.some((a) => a.test(u)))).length / q.units.length;
  const rr = q.units.length === 0 ? (got.length === 0 ? 1 : 0) : (firstRank > 0 ? 1 / firstRank : 0);
  return { ...q, got, firstRank, recall, rr, hit1: q.units.length === 0 ? got.length === 0 : firstRank === 1, zero: got.length === 0 };
}

function summarise(rows) {
  const n = rows.length;
  const avg = (f) => (n === 0 ? 0 : rows.reduce((s, r) => s + f(r), 0) / n);
  return { n, recall: avg((r) => r.recall), mrr: avg((r) => r.rr), hit1: avg((r) => (r.hit1 ? 1 : 0)), zero: avg((r) => (r.zero ? 1 : 0)) };
}

const fmt = (x) => x.toFixed(3);
function table(title, rows) {
  const classes = [...new Set(rows.map((r) => r.cls))];
  console.log(`\n${title}`);
  console.log('class          n  recall@5  MRR@10  hit@1  zero-result');
  const line = (name, s) => console.log(
    `${name.padEnd(12)} ${String(s.n).padStart(3)}  ${fmt(s.recall).padStart(8)}  ${fmt(s.mrr).padStart(6)}  ${fmt(s.hit1).padStart(5)}  ${fmt(s.zero).padStart(11)}`);
  classes.forEach((c) => line(c, summarise(rows.filter((r) => r.cls === c))));
  const answerable = rows.filter((r) => r.units.length > 0);
  line('all answerable', summarise(answerable));
  return summarise(answerable);
}

function describe(r) {
  const top = r.got.slice(0, 3).join(', ') || '(no results)';
  const rank = r.units.length === 0 ? (r.zero ? 'empty as expected' : 'expected no results')
    : (r.firstRank > 0 ? `first answer at rank ${r.firstRank}` : 'no answer in top 10');
  return `  [${r.cls}] ${r.query} — ${rank}\n      want ${r.answer}\n      got  ${top}`;
}

/* Runs the set; returns the exit code (never process.exit: it can cut stdout short). */
async function main() {
  const groups = new Map();
  const judged = readQueries(SET || join(here, 'queries.tsv'), groups);
  const pendingFile = join(here, 'pending.tsv');
  const pending = !SET && existsSync(pendingFile) ? readQueries(pendingFile, groups) : [];
  const stale = staleTargets(judged.concat(pending));
  if (stale.length > 0) {
    console.log(`judged answers missing from the site (content changed? re-judge them):\n${stale.join('\n')}`);
    if (flag('--check')) return 1;
  }
  const rows = [];
  for (const q of judged) rows.push(await judge(q));
  const pendingRows = [];
  for (const q of pending) pendingRows.push(await judge(q));
  if (flag('--json')) {
    rows.concat(pendingRows).forEach((r) => console.log(JSON.stringify({
      cls: r.cls, query: r.query, pending: pendingRows.includes(r), recall: r.recall, rr: r.rr,
      hit1: r.hit1, zero: r.zero, answerable: r.units.length > 0, top: r.got.slice(0, 3),
    })));
    return 0;
  }
  const overall = table(`judged set (${rows.length} queries)`, rows);
  if (pendingRows.length > 0) table(`pending subset (${pendingRows.length} queries, not in the thresholds)`, pendingRows);
  if (flag('--verbose')) {
    console.log('\nnot answered at rank 1:');
    rows.filter((r) => !r.hit1).forEach((r) => console.log(describe(r)));
  }
  if (hardest > 0) {
    console.log(`\nhardest ${hardest}:`);
    rows.filter((r) => r.units.length > 0).sort((a, b) => a.rr - b.rr || a.recall - b.recall)
      .slice(0, hardest).forEach((r) => console.log(describe(r)));
  }
  return flag('--check') ? check(rows, overall) : 0;
}

/* The thresholds of --check; prints what fails. */
function check(rows, overall) {
  const failures = [];
  if (overall.recall < RECALL_MIN) failures.push(`recall@5 ${fmt(overall.recall)} < ${RECALL_MIN}`);
  if (overall.mrr < MRR_MIN) failures.push(`MRR@10 ${fmt(overall.mrr)} < ${MRR_MIN}`);
  if (overall.hit1 < HIT1_MIN) failures.push(`hit@1 ${fmt(overall.hit1)} < ${HIT1_MIN}`);
  const nothing = rows.filter((r) => r.units.length === 0);
  const empty = nothing.filter((r) => r.zero).length;
  if (empty < NOTHING_MIN * nothing.length) {
    failures.push(`only ${empty} of ${nothing.length} "nothing" queries find nothing`);
  }
  const typed = typingDiffers(rows.map((r) => r.query));
  typed.forEach((q) => failures.push(`"${q}" typed one character at a time ranks differently`));
  if (failures.length > 0) {
    console.log(`\nFAILED: ${failures.join('; ')}`);
    rows.filter((r) => r.recall < 1 || r.rr < 0.5).forEach((r) => console.log(describe(r)));
    return 1;
  }
  console.log('\nthresholds met');
  return 0;
}

/* Queries whose results differ when typed one character at a time (as in the search
 * box, with the per-keystroke caches warm) from a fresh search. */
function typingDiffers(queries) {
  const fresh = () => window.DelaybookSearch.createSearcher(index);
  const typer = fresh();
  return queries.filter((q) => {
    const chars = Array.from(q);
    let last = [];
    for (let i = 1; i <= chars.length; i++) last = typer.search(chars.slice(0, i).join(''), 10);
    const want = fresh().search(q, 10);
    return JSON.stringify(last.map((r) => r.url)) !== JSON.stringify(want.map((r) => r.url));
  });
}

process.exitCode = await main();
