// `delaybook serve` shows a failed rebuild where the author looks: two open pages get
// an overlay naming file:line:col, the message and the hint after a playbook is
// broken, and lose it (by reloading) after the fix. Every wait is on a condition.
//
// usage: node serve_overlay.mjs --base http://127.0.0.1:PORT/ --file ABS_YAML --chromium PATH
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { launch } from './cdp.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Polls `expr` until truthy, riding out reloads (an evaluation may hit a page
 * between two documents); returns its value. */
async function until(page, expr, timeoutMs) {
  const start = Date.now();
  let last = null;
  for (;;) {
    try {
      const v = await page.eval(expr);
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${expr}${last ? ` (${last.message})` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// A build on a loaded machine takes seconds; the watcher polls twice a second.
const BUILD_WAIT = 60000;
const OVERLAY = `document.getElementById('delaybook-overlay')`;

async function main() {
  const file = args.file;
  const original = readFileSync(file, 'utf8');
  const browser = await launch(args.chromium ?? '/usr/bin/chromium');
  let restored = false;
  try {
    const pages = [await browser.newPage(), await browser.newPage()];
    await pages[0].goto(`${args.base}index.html`);
    await pages[1].goto(`${args.base}templates.html`);
    for (const p of pages) {
      // The page has asked for the build status at least once: it is watching.
      await until(p, `performance.getEntriesByType('resource').some((e) => e.name.includes('/__delaybook/status'))`, BUILD_WAIT);
      assert(!(await p.eval(`!!${OVERLAY}`)), 'an overlay before anything broke');
      await p.eval('window.__beforeFix = true');
    }
    // Break the YAML: a mapping key with an unclosed flow sequence.
    writeFileSync(file, `${original.trimEnd()}\n  - id: [unclosed\n`);
    const name = basename(file);
    for (const p of pages) {
      const text = await until(p, `${OVERLAY}?.textContent ?? null`, BUILD_WAIT);
      assert(new RegExp(`${name.replace('.', '\\.')}:\\d+:\\d+`).test(text), `the overlay does not give file:line:col: ${text}`);
      // The project is Chinese (no site.language): the overlay is too, parser text included.
      assert(/错误\[E\d+\]/.test(text) && !/error\[/.test(text), `the overlay has no Chinese error code: ${text}`);
      assert(text.includes('重新生成失败'), `the overlay's heading is not Chinese: ${text}`);
      assert(!text.includes('解析器原文'), `the parser's English was shown: ${text}`);
      assert(text.includes('hint') || text.includes('提示') || text.includes('^'), `the overlay shows neither a hint nor the source line: ${text}`);
      assert(await p.eval('window.__beforeFix === true'), 'the page reloaded on a failed build');
    }
    writeFileSync(file, original);
    restored = true;
    for (const p of pages) {
      // A good build reloads the page: the marker is gone and so is the overlay.
      await until(p, `window.__beforeFix === undefined && document.readyState === 'complete' && !${OVERLAY}`, BUILD_WAIT);
      await until(p, `performance.getEntriesByType('resource').some((e) => e.name.includes('/__delaybook/status'))`, BUILD_WAIT);
      assert(!(await p.eval(`!!${OVERLAY}`)), 'the overlay came back after the fix');
      const errors = p.errors.filter((e) => !e.includes('favicon'));
      assert(errors.length === 0, `console errors: ${errors.join('; ')}`);
    }
    console.log('ok   serve overlay appears on a broken playbook and goes after the fix');
  } finally {
    if (!restored) writeFileSync(file, original);
    await browser.close();
  }
}

main().then(() => process.exit(0), (e) => {
  console.log(`FAIL serve overlay: ${e.message}`);
  process.exit(1);
});
