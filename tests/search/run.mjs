// Behaviour tests of themes/default/js/search.js on the fixture index.
// Usage: node tests/search/run.mjs <search-index.js> <search.js>
// Run by tests/search_js.rs, which builds the index from tests/fixtures/search/basic.
// Loads both scripts into a bare context (no DOM) exactly as a page would, then calls
// the public API window.delaybookSearch. Prints "N passed, N failed"; exits 1 on failure.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const [indexPath, searchPath] = process.argv.slice(2);
const window = {};
const context = vm.createContext({ window });
vm.runInContext(readFileSync(indexPath, 'utf8'), context, { filename: indexPath });
vm.runInContext(readFileSync(searchPath, 'utf8'), context, { filename: searchPath });

let passed = 0;
let failed = 0;
const search = (q) => window.delaybookSearch(q).then((r) => JSON.parse(JSON.stringify(r)));
const show = (r) => r.slice(0, 5).map((x) => `${x.url} (${x.score})`).join(', ');

async function check(name, query, assertion) {
  const results = await search(query);
  let message = null;
  try {
    message = assertion(results);
  } catch (e) {
    message = String(e);
  }
  if (message === true || message === undefined) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL ${name}: query ${JSON.stringify(query)}: ${message}\n  got: ${show(results)}`);
  }
}

const first = (url) => (r) => (r.length > 0 && r[0].url === url) || `expected ${url} first`;
const firstPage = (page) => (r) =>
  (r.length > 0 && r[0].url.split('#')[0] === page) || `expected a section of ${page} first`;

// A word of a title finds the page.
await check('word', '单号填错', firstPage('playbooks/wrong-tracking.html'));
// A substring that crosses word boundaries still matches.
await check('cross-word substring', '号填错', firstPage('playbooks/wrong-tracking.html'));
// Traditional query finds Simplified text…
await check('traditional query', '延遲發貨', (r) =>
  (r.length > 0 && r[0].url === 'playbooks/late-shipment.html' &&
    JSON.stringify(r[0].titleMarks) === '[[0,4]]') || 'expected the whole title 延迟发货 matched');
// …and a Simplified query finds Traditional text.
await check('simplified finds traditional', '供应商未发货', firstPage('playbooks/supplier-not-shipped.html'));
// Numbers with Chinese units match.
await check('number with unit', '48小时', firstPage('playbooks/chase-before-promise.html'));
// A number matches as a word prefix (72 → 72h, 72 小时) and never inside 720.
await check('number as word', '72', (r) => {
  if (r.length === 0 || !r[0].url.startsWith('playbooks/late-shipment.html')) return 'late-shipment first';
  return r.every((x) => !x.url.startsWith('playbooks/out-of-stock.html')) || '72 must not match 720';
});
// Percent signs survive tokenising.
await check('percent', '5%', firstPage('playbooks/late-shipment.html'));
// The natural question of the brief ranks the before-promise playbook first.
await check('natural question', '买家催发货 还没到时间 怎么回复', firstPage('playbooks/chase-before-promise.html'));
// Synonyms: a variant typed finds the content word.
await check('synonym 退钱', '退钱', (r) =>
  (r.length > 0 && /退款/.test(r[0].title + r[0].heading + r[0].excerpt)) || 'expected a 退款 result first');
await check('synonym 没货', '没货', firstPage('playbooks/out-of-stock.html'));
await check('synonym inside a longer query', '快递单号错了怎么办', firstPage('playbooks/wrong-tracking.html'));
// Words that occur nowhere do not empty the list.
await check('unknown words ignored', '怎么 了 单号填错 呢', firstPage('playbooks/wrong-tracking.html'));
// Playbooks rank above the home page that lists them.
await check('hub below playbook', '缺货', (r) =>
  (r.length > 0 && r[0].url.split('#')[0] !== 'index.html') || 'home must not be first');
// Template names rank like titles and results point at the template section.
await check('template name', '缺货退款通知', (r) =>
  (r.length > 0 && r[0].url.endsWith('#tpl-stockout-refund')) || 'expected the template card first');
// A match in a section points at that section's anchor.
await check('section anchor', '更正单号', first('playbooks/wrong-tracking.html#fix'));
// One page does not flood the list.
await check('at most 3 sections per page', '买家', (r) => {
  const counts = {};
  for (const x of r) counts[x.url.split('#')[0]] = (counts[x.url.split('#')[0]] || 0) + 1;
  return Object.values(counts).every((n) => n <= 3) || JSON.stringify(counts);
});
// Excerpts show the original case and contain the match.
await check('excerpt restores case', 'sku', (r) =>
  (r.length > 0 && r[0].excerpt.includes('SKU') && r[0].marks.length > 0) || 'excerpt should show SKU');
// Report pages are found by title only; CSV data never enters the index.
await check('report by title', '2026-W47', first('reports/2026-W47.html'));
await check('report body not indexed', 'A123', (r) => r.length === 0 || 'report text leaked');
// The print handbook is not indexed.
await check('handbook skipped', '打印版手册', (r) =>
  r.every((x) => !x.url.startsWith('handbook.html')) || 'handbook indexed');
// Markup-like text is plain text in the index.
await check('script text is inert', '</script>', (r) => r.length >= 0);
// Empty and punctuation-only queries return nothing, without throwing.
await check('empty query', '  ，。 ', (r) => r.length === 0 || 'expected no result');
// Results carry url, title and excerpt as documented.
await check('result shape', '延迟发货', (r) =>
  (r.length > 0 && typeof r[0].url === 'string' && typeof r[0].title === 'string' &&
    typeof r[0].excerpt === 'string') || 'missing fields');

// Full-width digits and letters typed with a Chinese keyboard fold to ASCII.
await check('full-width query', '４８小时', firstPage('playbooks/chase-before-promise.html'));
// Marks are offsets into the excerpt that cover exactly the matched text.
await check('marks cover the match', '单号填错', (r) => {
  const x = r.find((y) => y.marks.length > 0);
  return (x && x.marks.every(([a, b]) => x.excerpt.slice(a, b) === '单号填错')) || 'bad marks';
});
// Title marks point into the restored (display) title.
await check('title marks', '供应商', (r) =>
  (r.length > 0 && r[0].title === '供應商未發貨' && r[0].titleMarks.length === 1 &&
    r[0].title.slice(...r[0].titleMarks[0]) === '供應商') || 'title should show the original script');
// The API never rejects, even for odd input.
await check('odd input', null, (r) => Array.isArray(r) || 'not an array');

// Question words and fillers do not steer the ranking: the compensation rule answers.
await check('fillers set aside', '延迟了能不能赔一点', firstPage('playbooks/late-shipment.html'));
// A query made only of question words is read as typed (and here finds nothing).
await check('only fillers', '怎么办呢', (r) => r.length === 0 || 'expected no result');
// An intent word asks for a reply template: the template card comes first.
await check('template intent', '缺货 怎么回复', first('playbooks/out-of-stock.html#tpl-stockout-refund'));
// Pinyin slips: a pair the site never contains is read as a same-sounding one it does.
await check('typo 缺获', '缺获', firstPage('playbooks/out-of-stock.html'));
await check('typo 退宽', '退宽', (r) =>
  (r.length > 0 && /退款/.test(r[0].title + r[0].heading + r[0].excerpt)) || 'expected a 退款 result');
// Pinyin typed instead of Chinese: a Latin word the site lacks is read as the title or
// heading word it spells, in full syllables or (with no vowel) in initials.
await check('full pinyin', 'quehuo', firstPage('playbooks/out-of-stock.html'));
await check('pinyin with a word', 'yanchi fahuo', firstPage('playbooks/late-shipment.html'));
await check('pinyin initials', 'qh', firstPage('playbooks/out-of-stock.html'));
await check('Latin word of the site is not pinyin', 'sku', (r) =>
  (r.length > 0 && r[0].excerpt.includes('SKU')) || 'sku must match SKU as typed');
await check('letters that spell nothing', 'zzzz', (r) => r.length === 0 || 'expected no result');
// A lone character next to an unknown word does not cover the query (开 of 直通车怎么开).
await check('lone character', '直通车怎么开', (r) => r.length === 0 || 'expected no result');
// Nonsense and off-topic queries find nothing…
await check('nonsense', 'zzzz不存在的东西', (r) => r.length === 0 || 'expected no result');
await check('off-topic', '红烧肉做法', (r) => r.length === 0 || 'expected no result');
// …and so does a query of which no page covers at least half.
await check('coverage threshold', '火星人 宇宙飞船 单号', (r) => r.length === 0 || 'expected no result');
{
  // The closest pages are still on offer for "可能相关", one result per page.
  const related = await window.delaybookSearch.related('火星人 宇宙飞船 单号');
  const pages = related.map((x) => x.url.split('#')[0]);
  if (related.length > 0 && related.length <= 3 && pages.includes('playbooks/wrong-tracking.html') &&
      new Set(pages).size === pages.length) passed++;
  else { failed++; console.log(`FAIL related: ${JSON.stringify(pages)}`); }
  const none = await window.delaybookSearch.related('zzzz');
  if (Array.isArray(none) && none.length === 0) passed++;
  else { failed++; console.log('FAIL related for nonsense should be empty'); }
}
// Typing a query one character at a time gives what pasting it gives (warm caches).
{
  const typer = window.DelaybookSearch.createSearcher(window.DELAYBOOK_SEARCH_INDEX);
  const fresh = () => window.DelaybookSearch.createSearcher(window.DELAYBOOK_SEARCH_INDEX);
  let bad = [];
  for (const q of ['48小时', '72h 内', '延遲發貨', '缺货 怎么回复', 'sku', '5%', '最高50元']) {
    let last = [];
    for (let i = 1; i <= Array.from(q).length; i++) last = typer.search(Array.from(q).slice(0, i).join(''), 10);
    if (JSON.stringify(last.map((x) => x.url)) !== JSON.stringify(fresh().search(q, 10).map((x) => x.url))) bad.push(q);
  }
  if (bad.length === 0) passed++;
  else { failed++; console.log(`FAIL typed differs from pasted: ${bad.join(', ')}`); }
}

// A broken or foreign index makes search empty, never an exception (API stays usable).
{
  const ctx = vm.createContext({ window: { DELAYBOOK_SEARCH_INDEX: { v: 99 }, console: { warn() {} } } });
  vm.runInContext(readFileSync(searchPath, 'utf8'), ctx);
  const r = await ctx.window.delaybookSearch('缺货');
  if (Array.isArray(r) && r.length === 0) passed++;
  else { failed++; console.log('FAIL bad index: expected []'); }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
