// The brief's search promises, checked on the bundled sample site.
// Usage: node tests/search/sample.mjs <public dir>   (run by tests/search_sample.rs)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const dir = process.argv[2];
const window = {};
const context = vm.createContext({ window });
vm.runInContext(readFileSync(join(dir, 'search-index.js'), 'utf8'), context);
vm.runInContext(readFileSync(join(dir, 'js/search.js'), 'utf8'), context);

let passed = 0;
let failed = 0;
async function expectFirst(query, test, what) {
  const r = await window.delaybookSearch(query);
  const top = r[0];
  if (top && test(top)) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL ${JSON.stringify(query)}: expected ${what} first, got ` +
      r.slice(0, 3).map((x) => `${x.url} "${x.title}"`).join(', '));
  }
}
const text = (x) => x.title + ' ' + x.heading + ' ' + x.excerpt;

// A buyer chasing before the promised time: the playbook, not a template or the home page.
await expectFirst('买家催发货 还没到时间 怎么回复',
  (x) => x.kind === 'playbook' && x.title.includes('催发货'), 'the chase-before-promise playbook');
await expectFirst('退钱', (x) => text(x).includes('退款'), 'a 退款 result');
await expectFirst('没货', (x) => text(x).includes('缺货'), 'a 缺货 result');
await expectFirst('快递单号错了', (x) => text(x).includes('单号填错'), 'a 单号填错 result');
await expectFirst('延遲發貨', (x) => text(x).includes('延迟'), 'a 延迟 result (Traditional query)');

// A buyer's message pasted from the chat: the playbook for the situation, not the phrase
// rule whose examples of what staff must not say read like it (信不信我投诉你们).
await expectFirst('信不信我投诉你们，三天了还不发货',
  (x) => x.kind === 'playbook', 'a playbook (not a phrase rule)');
await expectFirst('我老公喝醉了骂了半天说都怪你们发货',
  (x) => x.kind === 'playbook', 'a playbook (not a phrase rule)');
// However much of a long message the site has nowhere, a situation it names (发货) finds it.
{
  const r = await window.delaybookSearch('龘靐齉齾爩鱻麤龖龘靐齉齾爩鱻麤龖发货');
  if (r.length > 0 && r[0].kind === 'playbook') passed++;
  else { failed++; console.log(`FAIL long message naming 发货: got ${r.length} results`); }
}
// A trainee's question about what to say keeps the phrase rule: only the buyer's voice
// ranks it down.
{
  const r = await window.delaybookSearch('能不能跟买家说信不信我投诉你们', 5);
  if (r.some((x) => x.url.startsWith('check.html#rule-'))) passed++;
  else { failed++; console.log(`FAIL trainee question: no phrase rule in ${r.map((x) => x.url)}`); }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
