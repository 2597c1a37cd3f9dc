// Browser scenarios of the weekly report page: Chinese only (no cause, action or
// platform code in any text a person reads), the 390 px phone layout, sorting,
// filtering and "显示全部", links from "本周先做这几件事" to collapsed rows, and the
// page without JavaScript and in print. Each takes (page, ctx) and throws on failure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

const q = JSON.stringify;

/** The newest report's page, found from the reports index like a person would. */
async function openReport(page, ctx) {
  await page.goto(ctx.url('reports/index.html'));
  const href = await page.eval(`document.querySelector('.reports-index a')?.getAttribute('href') ?? null`);
  assert(href, 'the reports index lists no report');
  await page.goto(ctx.url(`reports/${href}`));
  return `reports/${href}`;
}

/** Every code the report's JSON uses for causes, actions and platforms. */
function codes(ctx, reportPath) {
  const json = JSON.parse(readFileSync(join(ctx.site, reportPath.replace(/index\.html$/, 'report.json')), 'utf8'));
  const set = new Set(['unattributed', 'triage', 'delist', 'presale', 'notify_and_wait', 'chase_supplier', 'reorder', 'unknown']);
  for (const c of json.causes) set.add(c.code);
  for (const r of json.at_risk.rows) if (r.delay_cause) set.add(r.delay_cause);
  for (const s of json.skus) if (s.top_cause) set.add(s.top_cause);
  for (const p of json.platforms) set.add(p.platform);
  for (const p of json.priorities) { set.add(p.kind); if (p.cause) set.add(p.cause); }
  return [...set].filter((c) => /^[a-z_]+$/.test(c));
}

/** Texts a person reads: text nodes outside <code>/<script>/<style>, plus titles,
    labels and placeholders (SVG <title> and <text> included). */
const READ_TEXTS = `(() => {
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (n.parentElement.closest('code, script, style')) continue;
    if (n.textContent.trim()) out.push(n.textContent);
  }
  for (const e of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
    for (const a of ['title', 'aria-label', 'placeholder']) if (e.getAttribute(a)) out.push(e.getAttribute(a));
  }
  for (const e of document.querySelectorAll('.report [data-filter-label]')) {
    for (const [k, v] of Object.entries(e.dataset)) out.push(v);
  }
  out.push(document.title);
  return out;
})()`;

const visibleRows = (table) => `[...document.querySelectorAll(${q(table + ' tbody tr:not(.group)')})].filter((r) => r.offsetParent !== null)`;

export const reportScenarios = {
  async report_speaks_chinese(page, ctx) {
    const path = await openReport(page, ctx);
    const list = codes(ctx, path);
    assert(list.includes('stockout') && list.includes('presale'), `codes from report.json: ${list}`);
    // Open every collapsed row and details, so hidden text is checked too.
    await page.eval(`document.querySelectorAll('button.show-all').forEach((b) => b.click()); document.querySelectorAll('details').forEach((d) => { d.open = true; })`);
    const texts = await page.eval(READ_TEXTS);
    const hits = [];
    for (const t of texts) {
      for (const c of list) {
        if (new RegExp(`(^|[^A-Za-z0-9_])${c}($|[^A-Za-z0-9_])`).test(t)) hits.push(`${c} in ${q(t.trim().slice(0, 80))}`);
      }
    }
    assert(hits.length === 0, `codes in the Chinese page:\n    ${hits.slice(0, 10).join('\n    ')}`);
    const h1 = await page.eval(`document.querySelector('h1').textContent`);
    assert(/\d{4}年第\d+周（\d+月\d+日–\d+月\d+日）/.test(h1), `week header: ${q(h1)}`);
    const first = await page.eval(`[...document.querySelectorAll('.priorities li')].map((l) => l.textContent.trim())`);
    assert(first.length >= 1 && first.length <= 5, `${first.length} priorities`);
    assert(first.every((l) => /→\s*(《.+》|先判断情况)/.test(l)), `priority without a playbook: ${q(first)}`);
  },

  async report_fits_a_phone(page, ctx) {
    await page.send('Emulation.setDeviceMetricsOverride', { width: 390, height: 844, deviceScaleFactor: 2, mobile: true });
    await openReport(page, ctx);
    await page.eval(`document.querySelectorAll('button.show-all').forEach((b) => b.click())`);
    const size = await page.eval(`({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, view: window.innerWidth })`);
    assert(size.view === 390, `viewport ${size.view}`);
    assert(size.doc <= size.view && size.body <= size.view, `the page scrolls sideways at 390 px: ${q(size)}`);
    // Wide tables scroll inside their own box instead.
    const boxes = await page.eval(`[...document.querySelectorAll('.table-box')].map((b) => b.getBoundingClientRect().right)`);
    assert(boxes.length > 0 && boxes.every((r) => r <= 390.5), `a table box sticks out: ${boxes}`);
    // The action and at-risk tables become cards: nothing to scroll sideways, not even
    // inside their box.
    const cards = await page.eval(`[...document.querySelectorAll('table.cards')].map((t) => { const b = t.closest('.table-box'); return { cls: t.className, display: getComputedStyle(t.tBodies[0].rows[0]).display, over: b.scrollWidth - b.clientWidth }; })`);
    assert(cards.length === 2 && cards.every((c) => c.display === 'block' && c.over <= 1), `cards at 390 px: ${q(cards)}`);
    const first = await page.eval(`document.querySelector('.first').getBoundingClientRect().top`);
    assert(first < 844, `"本周先做这几件事" starts below the first screen (${first}px)`);
  },

  async report_tables_sort_and_filter(page, ctx) {
    await openReport(page, ctx);
    const t = 'table.actions';
    const total = await page.eval(`document.querySelectorAll(${q(t + ' tbody tr')}).length`);
    const before = await page.eval(`${visibleRows(t)}.length`);
    assert(total > 10 && before === 10, `collapsed action table shows ${before} of ${total}`);
    await page.click('button.show-all');
    assert(await page.eval(`${visibleRows(t)}.length`) === total, '"显示全部" did not show every row');
    // Sort by buyers waiting (4th column), ascending then descending.
    const col = `${visibleRows(t)}.map((r) => Number(r.cells[3].textContent))`;
    await page.click(`${t} thead th:nth-child(4) button`);
    const up = await page.eval(col);
    assert(up.every((v, i) => i === 0 || up[i - 1] <= v), `ascending: ${up}`);
    await page.click(`${t} thead th:nth-child(4) button`);
    const down = await page.eval(col);
    assert(down.every((v, i) => i === 0 || down[i - 1] >= v), `descending: ${down}`);
    assert(await page.eval(`document.querySelector(${q(t + ' thead th:nth-child(4)')}).getAttribute('aria-sort')`) === 'descending', 'aria-sort not set');
    // Filter by a SKU: only its row stays.
    const sku = await page.eval(`document.querySelector(${q(t + ' tbody tr code')}).textContent`);
    await page.eval(`document.querySelector('.table-tools input').focus()`);
    await page.type(sku);
    const left = await page.eval(`${visibleRows(t)}.map((r) => r.textContent)`);
    assert(left.length >= 1 && left.every((x) => x.includes(sku)), `filter ${q(sku)} left ${left.length} rows`);
    // The at-risk table: filter by a cause name; empty groups disappear.
    const r = 'table.risk';
    const cause = await page.eval(`document.querySelector(${q(r + ' tbody tr:not(.group) td:last-child')}).textContent`);
    const input = await page.eval(`(() => { const boxes = [...document.querySelectorAll('.table-tools input')]; boxes[1].setAttribute('data-e2e', 'risk-filter'); return boxes.length; })()`);
    assert(input >= 2, 'no filter on the at-risk table');
    await page.eval(`document.querySelector('[data-e2e=risk-filter]').focus()`);
    await page.type(cause);
    const rows = await page.eval(`${visibleRows(r)}.map((x) => x.cells[5].textContent)`);
    assert(rows.length > 0 && rows.every((c) => c.includes(cause)), `cause filter ${q(cause)}: ${rows.slice(0, 5)}`);
    const groups = await page.eval(`[...document.querySelectorAll(${q(r + ' tbody')})].filter((b) => b.querySelector('tr.group').offsetParent !== null && ![...b.rows].some((x) => !x.classList.contains('group') && x.offsetParent !== null)).length`);
    assert(groups === 0, `${groups} group headers shown without rows`);
    // Sort by hours left within each playbook group.
    await page.eval(`(() => { const e = document.querySelector('[data-e2e=risk-filter]'); e.value = ''; e.dispatchEvent(new Event('input')); })()`);
    await page.click(`${r} thead th:nth-child(5) button`);
    const sorted = await page.eval(`[...document.querySelectorAll(${q(r + ' tbody')})].every((b) => { const v = [...b.rows].filter((x) => !x.classList.contains('group')).map((x) => Number(x.cells[4].getAttribute('data-sort'))); return v.every((n, i) => i === 0 || v[i - 1] <= n); })`);
    assert(sorted, 'hours left not sorted within each group');
  },

  async report_links_reveal_rows(page, ctx) {
    const path = await openReport(page, ctx);
    // A priority's sentence leads to its row, which is shown.
    const href = await page.eval(`document.querySelector('.priorities .prio-text').getAttribute('href')`);
    await page.click('.priorities .prio-text');
    await page.until(`location.hash === ${q(href)}`);
    const shown = await page.eval(`(() => { const e = document.getElementById(${q(href.slice(1))}); return !!e && e.offsetParent !== null; })()`);
    assert(shown, `${href} is not visible after the click`);
    // A link straight to a collapsed row opens its table.
    const last = await page.eval(`[...document.querySelectorAll('table.actions tbody tr')].pop().id`);
    await page.goto('about:blank');
    await page.goto(ctx.url(`${path}#${last}`));
    await page.until(`document.getElementById(${q(last)}).offsetParent !== null`);
    // And so does following one on the page (a hash change).
    await page.eval(`document.querySelector('button.show-all').click()`);
    const collapsedAgain = await page.eval(`document.getElementById(${q(last)}).offsetParent === null`);
    assert(collapsedAgain, '"收起" did not collapse the table');
    await page.eval(`location.hash = ''; location.hash = ${q('#' + last)}`);
    await page.until(`document.getElementById(${q(last)}).offsetParent !== null`);
  },

  async report_without_js_and_in_print(page, ctx) {
    // About the printable width of an A4 page (210 mm − margins at 96 dpi).
    await page.send('Emulation.setDeviceMetricsOverride', { width: 680, height: 1000, deviceScaleFactor: 1, mobile: false });
    await openReport(page, ctx);
    // Collapsed rows are printed.
    await page.send('Emulation.setEmulatedMedia', { media: 'print' });
    const hidden = await page.eval(`[...document.querySelectorAll('tr.is-collapsed')].filter((r) => getComputedStyle(r).display === 'none').length`);
    const collapsed = await page.eval(`document.querySelectorAll('tr.is-collapsed').length`);
    assert(collapsed > 0 && hidden === 0, `print hides ${hidden} of ${collapsed} collapsed rows`);
    // qa1 item 6: every header of the action and at-risk tables prints its text (the
    // text sits inside a sort button), and no number is split over two lines.
    const blank = await page.eval(`[...document.querySelectorAll('table.actions thead th, table.risk thead th')].filter((th) => th.innerText.trim() === '').map((th) => th.cellIndex)`);
    assert(blank.length === 0, `print shows empty table headers at columns ${blank}`);
    const split = await page.eval(`[...document.querySelectorAll('table.actions td.num')].filter((td) => { const r = document.createRange(); r.selectNodeContents(td); return r.getClientRects().length > 1; }).map((td) => td.textContent)`);
    assert(split.length === 0, `print splits numbers over lines: ${split}`);
    await page.send('Emulation.clearDeviceMetricsOverride', {});
    await page.send('Emulation.setEmulatedMedia', { media: '' });
    // Without JavaScript every row is there and visible.
    await page.send('Emulation.setScriptExecutionDisabled', { value: true });
    const path = await page.eval('location.href');
    await page.goto(path);
    const all = await page.eval(`[...document.querySelectorAll('table.actions tbody tr, table.risk tbody tr')].filter((r) => r.offsetParent === null).length`);
    assert(all === 0, `${all} rows hidden without JavaScript`);
    await page.send('Emulation.setScriptExecutionDisabled', { value: false });
  },
};
