// Search latency in a real headless Chromium: build (release) a synthetic project with
// N playbooks (scripts/synth_site.py), open it from file://, type each query one
// character at a time into the search box with real input events, and time from the
// keystroke until the result list shows the new results. Prints per-query medians and
// the worst keystroke.
//
// usage: node scripts/bench-search-browser.mjs [N=1000] [--chromium /usr/bin/chromium]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from '../tests/e2e/cdp.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const n = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '1000';
const ci = process.argv.indexOf('--chromium');
const chromium = ci > 0 ? process.argv[ci + 1] : '/usr/bin/chromium';
const QUERIES = ['买家催发货 还没到时间 怎么回复', '号填错', '延遲發貨', '72小时', '没货了怎么办', '供应商不发货', 'SKU'];

const work = mkdtempSync(join(tmpdir(), 'delaybook-search-bench-'));
try {
  execFileSync('cargo', ['build', '--release', '--quiet'], { cwd: root, stdio: 'inherit' });
  execFileSync('python3', [join(root, 'scripts/synth_site.py'), join(work, 'synth'), n], { stdio: 'ignore' });
  execFileSync(join(root, 'target/release/delaybook'), ['-q', '-C', join(work, 'synth'), 'build'], { stdio: 'inherit' });
  const browser = await launch(chromium);
  const page = await browser.newPage();
  await page.goto(pathToFileURL(join(work, 'synth/public/index.html')).href);
  const loadMs = await page.eval(`performance.getEntriesByType('navigation')[0].loadEventEnd`);
  // Count result-list updates and time them from the input event (inside the page, so
  // the DevTools round trip is not counted).
  await page.eval(`(() => {
    const box = document.getElementById('search-input');
    const list = document.getElementById('search-results');
    window.__lat = [];
    let t0 = 0;
    box.addEventListener('input', () => { t0 = performance.now(); }, true);
    new MutationObserver(() => { if (t0) { window.__lat.push(performance.now() - t0); t0 = 0; } })
      .observe(list, { childList: true, subtree: true, characterData: true });
  })()`);
  const rows = [];
  for (const q of QUERIES) {
    await page.eval(`(() => { const b = document.getElementById('search-input'); b.value = ''; b.focus(); window.__lat = []; })()`);
    for (const ch of [...q]) {
      await page.type(ch);
      await new Promise((r) => setTimeout(r, 120));
    }
    const lat = (await page.eval('window.__lat')).sort((a, b) => a - b);
    const results = await page.eval(`document.querySelectorAll('#search-results [role=option]').length`);
    rows.push({ q, keys: [...q].length, median: lat[Math.floor(lat.length / 2)] ?? NaN, worst: lat[lat.length - 1] ?? NaN, results });
  }
  const errors = page.errors;
  await browser.close();
  const size = execFileSync('stat', ['-c', '%s', join(work, 'synth/public/search-index.js')]).toString().trim();
  console.log(`synthetic site: ${n} playbooks, search-index.js ${size} B, page load ${loadMs.toFixed(0)} ms (file://, headless Chromium)`);
  console.log('query'.padEnd(34), 'keys', 'median ms', 'worst ms', 'results');
  for (const r of rows) {
    console.log(r.q.padEnd(30), String(r.keys).padStart(4), r.median.toFixed(1).padStart(9), r.worst.toFixed(1).padStart(8), String(r.results).padStart(7));
  }
  const worst = Math.max(...rows.map((r) => r.worst));
  console.log(`worst keystroke-to-results: ${worst.toFixed(1)} ms (budget 50 ms)${errors.length ? `; console errors: ${errors.join('; ')}` : ''}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
