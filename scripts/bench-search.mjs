// Times the search runtime on a generated index, as a browser would run it.
// Usage:
//   cargo run --release --example synth_search -- target/synth-search 1000
//   node scripts/bench-search.mjs target/synth-search/search-index.js [themes/default/js/search.js]
// Prints the index size, the load time (JSON.parse + first search, which builds the
// corpus strings) and, for each query typed one character at a time, the median and
// worst time of a search after a keystroke. Budget: first result < 50 ms per keystroke.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import vm from 'node:vm';

const indexPath = process.argv[2] ?? 'target/synth-search/search-index.js';
const searchPath = process.argv[3] ?? 'themes/default/js/search.js';
const QUERIES = [
  '买家催发货 还没到时间 怎么回复',
  '快递单号填错',
  '延遲發貨',
  '48小时',
  '5%',
  'SKU',
  '退钱',
  '库存',
  '怎么办',
  '超过72小时升级给主管',
  'quehuo',
  'dhtc',
  '顾客等不及了要退款',
];

const indexSrc = readFileSync(indexPath, 'utf8');
const searchSrc = readFileSync(searchPath, 'utf8');
const window = {};
const context = vm.createContext({ window });
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`search-index.js ${kb(Buffer.byteLength(indexSrc))} (gzip ${kb(gzipSync(indexSrc).length)}), ` +
  `search.js ${kb(Buffer.byteLength(searchSrc))} (gzip ${kb(gzipSync(searchSrc).length)})`);

let t0 = performance.now();
vm.runInContext(indexSrc, context);
vm.runInContext(searchSrc, context);
const api = window.DelaybookSearch;
const searcher = api.createSearcher(window.DELAYBOOK_SEARCH_INDEX);
const loadMs = performance.now() - t0;
console.log(`load (parse index + build searcher): ${loadMs.toFixed(1)} ms; ` +
  `${window.DELAYBOOK_SEARCH_INDEX.p.length} pages, ${window.DELAYBOOK_SEARCH_INDEX.s.length} sections`);

// The page does this when the search box gets focus (search.js), before any key.
t0 = performance.now();
searcher.warmUp();
console.log(`warm-up search on focus: ${(performance.now() - t0).toFixed(1)} ms`);

let worst = 0;
for (const q of QUERIES) {
  const times = [];
  const chars = Array.from(q);
  for (let rep = 0; rep < 5; rep++) {
    for (let k = 1; k <= chars.length; k++) {
      const t = performance.now();
      searcher.search(chars.slice(0, k).join(''), 12);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const max = times[times.length - 1];
  worst = Math.max(worst, max);
  const top = searcher.search(q, 3).map((r) => r.url).join(' ');
  console.log(`${q.padEnd(20)} median ${median.toFixed(2)} ms, worst ${max.toFixed(2)} ms  → ${top}`);
}
console.log(`worst keystroke: ${worst.toFixed(1)} ms (budget 50 ms)`);
