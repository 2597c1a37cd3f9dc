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

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
