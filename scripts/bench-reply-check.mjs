// Times the browser reply checker (js/reply-check.js with a built site's reply-rules.js)
// in Node: every corpus reply, and drafts of growing length. A script, never a test.
//
// usage: node scripts/bench-reply-check.mjs SITE_DIR   (after `delaybook build --out SITE_DIR`)
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const site = process.argv[2] ?? 'public';
const ctx = vm.createContext({ window: {} });
vm.runInContext(readFileSync(`${site}/reply-rules.js`, 'utf8'), ctx);
vm.runInContext(readFileSync(new URL('../themes/default/js/reply-check.js', import.meta.url), 'utf8'), ctx);
const check = ctx.window.delaybookCheckReply;

const replies = [];
for (const f of ['bad', 'good']) {
  const text = readFileSync(new URL(`../tests/replies/${f}.yaml`, import.meta.url), 'utf8');
  for (const m of text.matchAll(/^\s+text: (.*)$/gm)) replies.push(m[1].replace(/^"|"$/g, ''));
}
function time(label, fn, n) {
  fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6 / n;
  console.log(`${label}: ${ms.toFixed(3)} ms`);
}
console.log(`reply-rules.js: ${readFileSync(`${site}/reply-rules.js`).length} bytes`);
time(`all ${replies.length} corpus replies`, () => replies.forEach((r) => check(r)), 5);
time('one typical reply (mean)', () => check(replies[17]), 200);
for (const n of [1000, 5000, 20000]) {
  const draft = replies.join('。').repeat(20).slice(0, n);
  time(`a ${n}-character draft`, () => check(draft), 3);
}
