// The browser scenarios. Each takes (page, ctx) and throws on failure; `ctx.url(p)`
// resolves a site-relative path for the current mode (http or file).

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

const q = JSON.stringify;

/** Forgets everything the site stored in this browser (shared fields, ticks). */
async function clearStorage(page) {
  await page.eval(`(() => { try { localStorage.clear(); } catch (e) { /* blocked */ } })()`);
}

/** Records what the page hands to the clipboard, whichever API it uses, in window.__copied. */
async function spyClipboard(page) {
  await page.eval(`(() => {
    window.__copied = null;
    const cb = navigator.clipboard;
    if (cb) { const orig = cb.writeText.bind(cb); cb.writeText = (t) => { window.__copied = t; return orig(t); }; }
    const exec = document.execCommand.bind(document);
    document.execCommand = (c, ...r) => { if (c === 'copy') window.__copied = String(window.getSelection()) || document.activeElement?.value; return exec(c, ...r); };
  })()`);
}

/** Opens a template card (a <details>) by clicking its summary, as a person would. */
async function openCard(page, sel) {
  if (await page.eval(`document.querySelector(${q(sel)}).open`)) return;
  await page.click(`${sel} > summary`);
  await page.until(`document.querySelector(${q(sel)}).open`);
}

/** Types a value into each input (a date is set through the value); returns what was typed. */
async function fillInputs(page, inputs, text = null) {
  const typed = [];
  for (const [i, input] of inputs.entries()) {
    if (input.type === 'date') {
      await page.eval(`(() => { const e = document.getElementById(${q(input.id)}); e.value = '2026-11-28'; e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true })); })()`);
      typed.push('28');
    } else {
      const value = text ?? (input.type === 'number' ? String(20 + i) : `测试值${i}`);
      await page.eval(`document.getElementById(${q(input.id)}).focus()`);
      await page.type(value);
      typed.push(value);
    }
  }
  return typed;
}

/** Makes `new Date()` in every page loaded from now on read `iso` (local time); returns a handle for `realTime`. */
async function fakeNow(page, iso) {
  const source = `(() => { const fixed = new Date(${q(iso)}).getTime(); const R = Date;
    class D extends R { constructor(...a) { if (a.length) super(...a); else super(fixed); } static now() { return fixed; } }
    window.Date = D; })();`;
  const { identifier } = await page.send('Page.addScriptToEvaluateOnNewDocument', { source });
  return identifier;
}

async function realTime(page, identifier) {
  await page.send('Page.removeScriptToEvaluateOnNewDocument', { identifier });
}

/** The copy status of card `sel`: text, class, colour, and the colour of a success. */
async function copyStatus(page, sel) {
  await page.until(`document.querySelector(${q(sel + ' [data-copy-status]')}).textContent.trim().length > 0`);
  return page.eval(`(() => { const e = document.querySelector(${q(sel + ' [data-copy-status]')});
    const probe = document.createElement('span'); probe.style.color = getComputedStyle(document.documentElement).getPropertyValue('--good'); document.body.appendChild(probe);
    const good = getComputedStyle(probe).color; probe.remove();
    return { text: e.textContent, cls: e.className, color: getComputedStyle(e).color, good }; })()`);
}

/** Whether a result text claims the reply is fine (it never may). */
function document_says_fine(text) {
  return /没有问题|可以发送|没有发现禁用说法|is fine/.test(text);
}

/** Queries whose best result must be on a given page (`url` prefix, site-relative). */
export const SEARCH_CASES = [
  { kind: 'word', query: '单号填错', expect: 'playbooks/wrong-tracking-number.html' },
  { kind: 'cross-word substring', query: '号填错', expect: 'playbooks/wrong-tracking-number.html' },
  { kind: 'traditional script', query: '單號填錯', expect: 'playbooks/wrong-tracking-number.html' },
  { kind: 'number', query: '72小时', expect: 'playbooks/late-dispatch-72h.html' },
  { kind: 'natural question', query: '买家催发货 还没到时间 怎么回复', expect: 'playbooks/buyer-chases-before-deadline.html' },
  { kind: 'synonym', query: '没货了怎么办', expect: 'playbooks/out-of-stock-after-order.html' },
];

export const scenarios = {
  async search_api(page, ctx) {
    await page.goto(ctx.url('index.html'));
    for (const c of SEARCH_CASES) {
      const results = await page.eval(`window.delaybookSearch(${q(c.query)})`);
      assert(Array.isArray(results) && results.length > 0, `${c.kind} ${q(c.query)}: no results`);
      const first = results[0];
      assert(typeof first.title === 'string' && typeof first.excerpt === 'string', `${c.kind}: result shape ${q(first)}`);
      assert(first.url.startsWith(c.expect), `${c.kind} ${q(c.query)}: expected ${c.expect} first, got ${results.slice(0, 3).map((r) => r.url).join(', ')}`);
    }
    const none = await page.eval(`window.delaybookSearch('怎么 回复 了 缺货')`);
    assert(none.length > 0, 'unknown query words emptied the results');
  },

  async search_ui_keyboard(page, ctx) {
    // From a page one folder deep, so relative result links are exercised.
    await page.goto(ctx.url('playbooks/out-of-stock-after-order.html'));
    await page.eval(`document.getElementById('search-input').focus()`);
    await page.type('号填错');
    await page.until(`document.querySelectorAll('#search-results [role=option]').length > 0`);
    const marked = await page.eval(`document.querySelector('#search-results mark')?.textContent ?? ''`);
    assert(marked.length > 0, 'no highlighted excerpt in the results');
    await page.press('ArrowDown');
    const active = await page.eval(`document.getElementById('search-input').getAttribute('aria-activedescendant')`);
    assert(active, 'ArrowDown did not select a result');
    const loaded = page.waitFor('Page.loadEventFired');
    await page.press('Enter');
    await loaded;
    const href = await page.eval('location.href');
    assert(href.includes('playbooks/wrong-tracking-number.html'), `Enter opened ${href}`);
  },

  async search_nothing_found(page, ctx) {
    // An honest "nothing found": the box says so, offers the closest pages and the
    // triage helper, and Enter does not open a page nobody chose.
    await page.goto(ctx.url('playbooks/wrong-tracking-number.html'));
    await page.eval(`document.getElementById('search-input').focus()`);
    await page.type('zzzz不存在的东西');
    await page.until(`document.querySelector('#search-results .search-empty') !== null`);
    const said = await page.eval(`document.querySelector('#search-results .search-empty').textContent`);
    assert(said.includes('没有找到') && said.includes('zzzz') && said.includes('问组长'), `empty text: ${said}`);
    const triage = await page.eval(`document.querySelector('#search-results .search-triage')?.getAttribute('href') ?? ''`);
    assert(triage === '../index.html#triage', `triage link: ${triage}`);
    await page.press('Enter');
    const still = await page.eval('location.href');
    assert(still.includes('wrong-tracking-number.html'), `Enter left the page: ${still}`);
    await page.eval(`(() => { const i = document.getElementById('search-input'); i.value = ''; i.dispatchEvent(new Event('input')); })()`);
    await page.type('火星人 宇宙飞船 缺货');
    await page.until(`document.querySelectorAll('#search-results .search-related').length > 0`);
    const related = await page.eval(`[...document.querySelectorAll('#search-results .search-related')].map((a) => a.getAttribute('href'))`);
    assert(related.length <= 3 && related.some((h) => h.includes('out-of-stock-after-order.html')), `related: ${related}`);
    await page.press('ArrowDown');
    const loaded = page.waitFor('Page.loadEventFired');
    await page.press('Enter');
    await loaded;
    const href = await page.eval('location.href');
    assert(href.includes(related[0].replace('../', '')), `Enter opened ${href}, expected ${related[0]}`);
  },

  async template_fill_and_copy(page, ctx) {
    await page.goto(ctx.url('templates.html'));
    await clearStorage(page);
    await page.goto(ctx.url('templates.html'));
    await spyClipboard(page);
    const card = await page.eval(`(() => {
      const c = [...document.querySelectorAll('.tpl[data-tpl]')].find((e) => e.querySelector('input[data-ph][type=text]:not([data-shared])') && e.querySelector('input[data-ph][type=date]'))
        ?? [...document.querySelectorAll('.tpl[data-tpl]')].find((e) => e.querySelector('input[data-ph]:not([data-shared])'));
      return c && c.getAttribute('data-tpl');
    })()`);
    assert(card, 'no template with placeholders');
    const sel = `.tpl[data-tpl=${q(card)}]`;
    await openCard(page, sel);
    const warnBefore = await page.eval(`document.querySelector(${q(sel + ' [data-warnings]')}).textContent`);
    assert(warnBefore.trim().length > 0, 'no warning while placeholders are empty');
    const inputs = await page.eval(`[...document.querySelectorAll(${q(sel + ' input[data-ph]')})].map((i) => ({ id: i.id, type: i.type }))`);
    const typed = await fillInputs(page, inputs);
    const preview = await page.eval(`document.querySelector(${q(sel + ' [data-preview]')}).textContent`);
    for (const v of typed) assert(preview.includes(v), `preview lacks ${q(v)}: ${preview}`);
    assert(!preview.includes('{{'), `preview still has a placeholder: ${preview}`);
    const warnAfter = await page.eval(`document.querySelector(${q(sel + ' [data-warnings]')}).textContent`);
    assert(warnAfter.trim() === '', `warning after filling everything: ${warnAfter}`);
    if (ctx.mode === 'http') {
      await page.send('Browser.grantPermissions', { origin: ctx.base.replace(/\/$/, ''), permissions: ['clipboardReadWrite', 'clipboardSanitizedWrite'] }).catch(() => {});
    }
    await page.click(`${sel} [data-copy]`);
    await page.until(`document.querySelector(${q(sel + ' [data-copy-status]')}).textContent.trim().length > 0`);
    const copied = await page.until(`window.__copied`);
    assert(copied.trim() === preview.trim(), `copied text differs from preview:\n${copied}\n---\n${preview}`);
    if (ctx.mode === 'http') {
      const clip = await page.eval(`navigator.clipboard.readText().catch(() => null)`);
      if (clip !== null) assert(clip.trim() === preview.trim(), `clipboard holds ${q(clip)}`);
    }
    // Nothing found reads as a success, but says "no known problem", not "fine".
    const status = await copyStatus(page, sel);
    assert(status.cls.includes('ok') && status.text.includes('未发现已知问题'), `clean copy status: ${q(status)}`);
    assert(!document_says_fine(status.text), `the copy status approves the reply: ${q(status.text)}`);
  },

  // A busy agent must never paste a half-filled reply: the copy is refused while a
  // field is empty (the status names it and the field gets the focus), and the
  // clipboard keeps what it held.
  async copy_refused_while_a_field_is_empty(page, ctx) {
    await page.goto(ctx.url('templates.html'));
    await clearStorage(page);
    await page.goto(ctx.url('templates.html'));
    const sentinel = `剪贴板原有内容-${Date.now()}`;
    if (ctx.mode === 'http') {
      await page.send('Browser.grantPermissions', { origin: ctx.base.replace(/\/$/, ''), permissions: ['clipboardReadWrite', 'clipboardSanitizedWrite'] }).catch(() => {});
      await page.eval(`navigator.clipboard.writeText(${q(sentinel)}).catch(() => null)`);
    }
    await spyClipboard(page);
    const card = await page.eval(`[...document.querySelectorAll('.tpl[data-tpl]')].find((e) => e.querySelectorAll('input[data-ph]:not([data-shared])').length >= 2)?.getAttribute('data-tpl') ?? null`);
    assert(card, 'no template with two placeholders');
    const sel = `.tpl[data-tpl=${q(card)}]`;
    await openCard(page, sel);
    const inputs = await page.eval(`[...document.querySelectorAll(${q(sel + ' input[data-ph]')})].map((i) => ({ id: i.id, type: i.type, label: document.querySelector('label[for=' + JSON.stringify(i.id) + ']').firstChild.textContent.trim() }))`);
    const left = inputs[inputs.length - 1];
    await fillInputs(page, inputs.slice(0, -1));
    const button = await page.eval(`(() => { const b = document.querySelector(${q(sel + ' [data-copy]')}); return { text: b.textContent, title: b.title, disabled: b.getAttribute('aria-disabled') }; })()`);
    assert(button.disabled === 'true' && button.text.includes('1') && button.title.includes(left.label), `the button does not say a field is missing: ${q(button)}`);
    await page.click(`${sel} [data-copy]`);
    const status = await page.until(`document.querySelector(${q(sel + ' [data-copy-status]')}).textContent.trim()`);
    assert(status.includes(left.label), `the refusal does not name ${q(left.label)}: ${q(status)}`);
    const focused = await page.eval(`document.activeElement?.id ?? null`);
    assert(focused === left.id, `focus is on ${focused}, not on the empty field ${left.id}`);
    assert(await page.eval(`window.__copied === null`), 'something was handed to the clipboard');
    if (ctx.mode === 'http') {
      const clip = await page.eval(`navigator.clipboard.readText().catch((e) => 'unreadable: ' + e)`);
      assert(clip === sentinel, `the clipboard changed to ${q(clip)}`);
    }
    // A {{…}} typed into a field never reaches the clipboard either.
    await fillInputs(page, [left], '{{coupon_amount}}');
    await page.click(`${sel} [data-copy]`);
    await page.until(`document.querySelector(${q(sel + ' [data-copy-status]')}).textContent.includes('{{')`);
    assert(await page.eval(`window.__copied === null`), 'a {{…}} marker was copied');
    // Filled properly, the copy goes through with no marker.
    await page.eval(`(() => { const e = document.getElementById(${q(left.id)}); e.value = ''; e.dispatchEvent(new Event('input', { bubbles: true })); })()`);
    await fillInputs(page, [left]);
    await page.click(`${sel} [data-copy]`);
    const copied = await page.until(`window.__copied`);
    assert(!copied.includes('{{') && !copied.includes('【'), `copied ${q(copied)}`);
  },

  // The filled reply goes through the reply checker of "检查我的回复" before copying:
  // the card lists what it finds; a problem that must never be sent needs a second,
  // explicit click, and even then the status is not a green success but says how many
  // problems were found.
  async copy_runs_the_reply_checker(page, ctx) {
    await page.goto(ctx.url('templates.html'));
    await clearStorage(page);
    await page.goto(ctx.url('templates.html'));
    await spyClipboard(page);
    const card = await page.eval(`[...document.querySelectorAll('.tpl[data-tpl]')].find((e) => !/^supplier/.test(e.dataset.channel) && e.querySelector('input[data-ph][type=text]:not([data-shared])'))?.getAttribute('data-tpl') ?? null`);
    assert(card, 'no buyer template with a text field');
    const sel = `.tpl[data-tpl=${q(card)}]`;
    await openCard(page, sel);
    const inputs = await page.eval(`[...document.querySelectorAll(${q(sel + ' input[data-ph]')})].map((i) => ({ id: i.id, type: i.type }))`);
    const text = inputs.find((i) => i.type === 'text');
    await fillInputs(page, inputs.filter((i) => i !== text));
    await fillInputs(page, [text], '，加我微信聊');
    // The card shows exactly what the checker finds in the filled reply, as a buyer message.
    const expected = await page.eval(`window.delaybookCheckReply(document.querySelector(${q(sel + ' [data-preview]')}).textContent, { to: 'buyer' })`);
    assert(expected.some((f) => f.text.includes('加我微信') && f.severity === 'error'), `the checker does not flag 加我微信: ${q(expected)}`);
    const shown = await page.eval(`[...document.querySelectorAll(${q(sel + ' [data-warnings] li')})].map((li) => ({ cls: li.className, text: li.textContent }))`);
    assert(shown[0].text.includes(`发现 ${expected.length} 处问题`), `no count of problems: ${q(shown)}`);
    const items = shown.filter((x) => x.cls.includes('sev-'));
    assert(items.length === expected.length, `${items.length} findings shown, the checker has ${expected.length}`);
    for (const [i, f] of expected.entries()) {
      assert(items[i].text.includes(f.text) && items[i].text.includes(f.reason) && items[i].cls.includes(`sev-${f.severity}`), `finding ${i}: ${q(items[i])} vs ${q(f)}`);
    }
    const errors = expected.filter((f) => f.severity === 'error').length;
    // First click: nothing copied, a question instead; "返回修改" closes it.
    await page.click(`${sel} [data-copy]`);
    await page.until(`!document.querySelector(${q(sel + ' [data-confirm]')}).hidden`);
    const question = await page.eval(`document.querySelector(${q(sel + ' [data-confirm-text]')}).textContent`);
    assert(question.includes(`${errors} 处不能发送`), `the question does not count the problems: ${q(question)}`);
    assert(await page.eval(`window.__copied === null`), 'copied without confirmation');
    await page.click(`${sel} [data-copy-back]`);
    await page.until(`document.querySelector(${q(sel + ' [data-confirm]')}).hidden`);
    assert(await page.eval(`window.__copied === null`), '返回修改 copied');
    // Confirmed: copied, and the status says how many problems, in red, not green.
    await page.click(`${sel} [data-copy]`);
    await page.until(`!document.querySelector(${q(sel + ' [data-confirm]')}).hidden`);
    await page.click(`${sel} [data-copy-anyway]`);
    const copied = await page.until(`window.__copied`);
    assert(copied.includes('加我微信'), `the confirmed copy lacks the text: ${q(copied)}`);
    let status = await copyStatus(page, sel);
    assert(status.text.includes(`发现 ${expected.length} 处问题`) && status.text.includes('已复制'), `status after a confirmed copy: ${q(status)}`);
    assert(!status.cls.includes('ok') && status.color !== status.good, `a copy with problems looks like a success: ${q(status)}`);
    // A warning only (rewrite suggested): copied at once, and the status says so in amber.
    await page.eval(`window.__copied = null`);
    await page.eval(`(() => { const e = document.getElementById(${q(text.id)}); e.value = ''; e.dispatchEvent(new Event('input', { bubbles: true })); })()`);
    await fillInputs(page, [text], '，要退的话您自己申请吧');
    const warned = await page.eval(`window.delaybookCheckReply(document.querySelector(${q(sel + ' [data-preview]')}).textContent, { to: 'buyer' })`);
    assert(warned.length > 0 && warned.every((f) => f.severity === 'warning'), `expected warnings only: ${q(warned)}`);
    await page.click(`${sel} [data-copy]`);
    await page.until(`window.__copied`);
    assert(await page.eval(`document.querySelector(${q(sel + ' [data-confirm]')}).hidden`), 'a warning asked for confirmation');
    status = await copyStatus(page, sel);
    assert(status.text.includes(`发现 ${warned.length} 处问题`) && status.cls.includes('warn') && status.color !== status.good, `status after a copy with warnings: ${q(status)}`);
    // A check that cannot run is never "nothing found": it needs the second click too.
    await page.eval(`window.__copied = null; window.delaybookCheckReply = () => { throw new Error('rules not loaded'); }`);
    await page.eval(`(() => { const e = document.getElementById(${q(text.id)}); e.value = ''; e.dispatchEvent(new Event('input', { bubbles: true })); })()`);
    await fillInputs(page, [text], '好的');
    const failed = await page.eval(`document.querySelector(${q(sel + ' [data-warnings]')}).textContent`);
    assert(failed.includes('没有运行'), `a failed check is not shown: ${q(failed)}`);
    await page.click(`${sel} [data-copy]`);
    await page.until(`!document.querySelector(${q(sel + ' [data-confirm]')}).hidden`);
    assert(await page.eval(`window.__copied === null`), 'copied without a check and without confirmation');
    await page.click(`${sel} [data-copy-anyway]`);
    await page.until(`window.__copied`);
    status = await copyStatus(page, sel);
    assert(status.text.includes('没有经过回复检查') && !status.cls.includes('ok'), `status after an unchecked copy: ${q(status)}`);
  },

  // Supplier templates are checked as messages to a supplier: a phone number is fine
  // there, while the same number in a reply to a buyer is flagged.
  async copy_check_follows_the_audience(page, ctx) {
    await page.goto(ctx.url('templates.html'));
    await clearStorage(page);
    await page.goto(ctx.url('templates.html'));
    const pick = (supplier) => `[...document.querySelectorAll('.tpl[data-tpl]')].find((e) => /^supplier/.test(e.dataset.channel) === ${supplier} && e.querySelector('input[data-ph][type=text]:not([data-shared])'))?.getAttribute('data-tpl') ?? null`;
    const found = {};
    for (const supplier of [true, false]) {
      const card = await page.eval(pick(supplier));
      assert(card, `no ${supplier ? 'supplier' : 'buyer'} template with a text field`);
      const sel = `.tpl[data-tpl=${q(card)}]`;
      await openCard(page, sel);
      const inputs = await page.eval(`[...document.querySelectorAll(${q(sel + ' input[data-ph]')})].map((i) => ({ id: i.id, type: i.type }))`);
      const text = inputs.find((i) => i.type === 'text');
      await fillInputs(page, inputs.filter((i) => i !== text));
      await fillInputs(page, [text], '，电话13812345678');
      found[supplier] = await page.eval(`document.querySelector(${q(sel + ' [data-warnings]')}).textContent`);
    }
    assert(found[false].includes('13812345678'), `a phone number in a buyer reply is not flagged: ${q(found[false])}`);
    assert(!found[true].includes('13812345678'), `a phone number to a supplier is flagged: ${q(found[true])}`);
  },

  // 店铺名 and 客服昵称 are typed once, remembered across pages and reloads (also from
  // file://), and cleared with one button.
  async shared_fields_are_remembered(page, ctx) {
    await page.goto(ctx.url('templates.html'));
    await clearStorage(page);
    await page.goto(ctx.url('templates.html'));
    const shop = `测试小店${Date.now() % 1000}`;
    await page.eval(`document.getElementById('shared-shop_name').focus()`);
    await page.type(shop);
    const card = await page.eval(`document.querySelector('.tpl[data-tpl] input[data-ph=shop_name]').closest('.tpl').getAttribute('data-tpl')`);
    const inCard = await page.eval(`document.querySelector('.tpl[data-tpl=${q(card)}] input[data-ph=shop_name]').value`);
    assert(inCard === shop, `the card shows ${q(inCard)}`);
    await page.goto(ctx.url('playbooks/supplier-chase.html'));
    const other = await page.eval(`(() => { const i = [...document.querySelectorAll('.tpl input[data-ph=shop_name]')]; return i.map((x) => x.value); })()`);
    assert(other.length > 0 && other.every((v) => v === shop), `another page's templates show ${q(other)}`);
    const preview = await page.eval(`document.querySelector('.tpl input[data-ph=shop_name]').closest('.tpl').querySelector('[data-preview]').textContent`);
    assert(preview.includes(shop), `preview lacks the shop name: ${preview}`);
    await page.click('#shared-clear');
    await page.until(`[...document.querySelectorAll('input[data-ph=shop_name]')].every((x) => x.value === '')`);
    await page.goto(ctx.url('templates.html'));
    const after = await page.eval(`document.getElementById('shared-shop_name').value`);
    assert(after === '', `cleared details came back: ${q(after)}`);
  },

  // The library is a compact list: one card open at a time, a text filter, and every
  // platform and channel in the filters.
  async template_library_is_a_compact_list(page, ctx) {
    await page.goto(ctx.url('templates.html'));
    const open = await page.eval(`document.querySelectorAll('details.tpl[open]').length`);
    assert(open === 0, `${open} cards open on arrival`);
    const ids = await page.eval(`[...document.querySelectorAll('details.tpl')].slice(0, 2).map((d) => d.getAttribute('data-tpl'))`);
    await openCard(page, `.tpl[data-tpl=${q(ids[0])}]`);
    await openCard(page, `.tpl[data-tpl=${q(ids[1])}]`);
    const nowOpen = await page.until(`(() => { const o = [...document.querySelectorAll('details.tpl[open]')].map((d) => d.getAttribute('data-tpl')); return o.length === 1 ? o : null; })()`);
    assert(nowOpen[0] === ids[1], `open: ${nowOpen}`);
    const platforms = await page.eval(`[...document.querySelectorAll('#filter-platform option')].map((o) => o.value).filter(Boolean)`);
    for (const p of ['douyin', 'tiktok_shop', 'pinduoduo', 'taobao']) assert(platforms.includes(p), `platform filter lacks ${p}: ${platforms}`);
    const channels = await page.eval(`[...new Set([...document.querySelectorAll('.tpl[data-tpl]')].map((e) => e.getAttribute('data-channel')))]`);
    const options = await page.eval(`[...document.querySelectorAll('#filter-channel option')].map((o) => o.value).filter(Boolean)`);
    assert(channels.every((c) => options.includes(c)), `channel filter ${options} lacks one of ${channels}`);
    await page.eval(`document.getElementById('filter-text').focus()`);
    await page.type('单号');
    const shown = await page.until(`(() => { const s = [...document.querySelectorAll('.tpl[data-tpl]')].filter((e) => !e.hidden); return s.length ? s.map((e) => e.textContent) : null; })()`);
    const total = await page.eval(`document.querySelectorAll('.tpl[data-tpl]').length`);
    assert(shown.length < total, `text filter shows ${shown.length} of ${total}`);
    assert(shown.every((t) => t.includes('单号')), 'a shown card does not mention 单号');
  },

  async template_filters(page, ctx) {
    await page.goto(ctx.url('templates.html'));
    const total = await page.eval(`document.querySelectorAll('.tpl[data-tpl]').length`);
    await page.eval(`(() => { const s = document.getElementById('filter-channel'); s.value = 'phone'; s.dispatchEvent(new Event('change', { bubbles: true })); })()`);
    const shown = await page.eval(`[...document.querySelectorAll('.tpl[data-tpl]')].filter((e) => !e.hidden && e.offsetParent !== null).map((e) => e.getAttribute('data-channel'))`);
    assert(shown.length > 0 && shown.length < total, `phone filter shows ${shown.length} of ${total}`);
    assert(shown.every((c) => c === 'phone'), `phone filter shows other channels: ${shown}`);
  },

  async triage_to_playbook(page, ctx) {
    await page.goto(ctx.url('index.html'));
    await page.until(`!document.getElementById('triage-app').hidden`);
    for (let step = 0; step < 12; step += 1) {
      const link = await page.eval(`document.querySelector('#triage-app a[href*="playbooks/"]')?.getAttribute('href') ?? null`);
      if (link) {
        const loaded = page.waitFor('Page.loadEventFired');
        await page.click('#triage-app a[href*="playbooks/"]');
        await loaded;
        const href = await page.eval('location.href');
        assert(href.includes('playbooks/') && href.includes('.html'), `triage link opened ${href}`);
        const h1 = await page.eval(`document.querySelector('h1')?.textContent ?? ''`);
        assert(h1.length > 0, 'playbook page has no title');
        return;
      }
      const buttons = await page.eval(`document.querySelectorAll('#triage-app button:not(.secondary)').length`);
      assert(buttons >= 2, `triage question ${step} offers ${buttons} answers`);
      // Take the last answer: it tends to lead deeper into the tree.
      await page.click(`#triage-app button:not(.secondary):nth-last-of-type(1)`);
    }
    throw new Error('triage did not reach a playbook in 12 answers');
  },

  // The triage ends at the step to do now, with the reply to send already open.
  async triage_lands_on_the_step_with_the_form_open(page, ctx) {
    await page.goto(ctx.url('index.html'));
    await page.until(`!document.getElementById('triage-app').hidden`);
    // The shortest path of answers to one that names a step and a template.
    const path = await page.eval(`(() => {
      const d = JSON.parse(document.getElementById('triage-data').textContent);
      const nodes = Object.fromEntries(d.nodes.map((n) => [n.id, n]));
      const queue = [[d.start, []]];
      const seen = new Set();
      while (queue.length) {
        const [id, labels] = queue.shift();
        if (seen.has(id)) continue;
        seen.add(id);
        for (const a of nodes[id].answers) {
          if (a.step && a.template) return { labels: [...labels, a.label], href: a.href };
          if (a.next) queue.push([a.next, [...labels, a.label]]);
        }
      }
      return null;
    })()`);
    assert(path, 'no triage answer names a step and a template');
    for (const label of path.labels) {
      await page.eval(`[...document.querySelectorAll('#triage-app button')].find((b) => b.textContent === ${q(label)}).setAttribute('data-e2e', 'answer')`);
      await page.click('[data-e2e="answer"]');
    }
    const target = await page.until(`document.querySelector('#triage-app .triage-result a')?.getAttribute('href') ?? null`);
    assert(target.endsWith(path.href), `result links to ${target}, expected ${path.href}`);
    const loaded = page.waitFor('Page.loadEventFired');
    await page.click('#triage-app .triage-result a');
    await loaded;
    const [, tpl] = /[?&]tpl=([^#&]+)/.exec(path.href);
    const [, step] = /#(.+)$/.exec(path.href);
    const state = await page.until(`(() => {
      const h = document.getElementById(${q(step)});
      const card = document.getElementById(${q('card-' + tpl)});
      if (!h || !card || !card.open) return null;
      const top = h.getBoundingClientRect().top;
      return { hash: location.hash, top, height: innerHeight, form: card.querySelector('[data-copy]').offsetParent !== null };
    })()`);
    assert(state.hash === `#${step}`, `landed on ${state.hash}`);
    assert(state.top >= -2 && state.top < state.height, `the step is not in view (top ${state.top})`);
    assert(state.form, 'the template form is not shown');
  },

  async quiz_score(page, ctx) {
    await page.goto(ctx.url('quiz.html'));
    const n = await page.eval(`document.querySelectorAll('.quiz-q[data-answer]').length`);
    assert(n >= 2, `only ${n} quiz questions`);
    // No explanation (and no answer) can be read before answering.
    const hidden = await page.eval(`[...document.querySelectorAll('.quiz-q')].every((s) => { const d = s.querySelector('details'); return !d || d.hidden || d.offsetParent === null; })`);
    assert(hidden, 'an explanation is visible before answering');
    const pick = async (index, right) => {
      const info = await page.eval(`(() => { const s = document.querySelectorAll('.quiz-q[data-answer]')[${index}];
        const a = Number(s.getAttribute('data-answer')); const radios = s.querySelectorAll('input[type=radio]');
        const choice = ${right} ? a : (a + 1) % radios.length; return { id: radios[choice].id }; })()`);
      await page.click(`#${info.id}`);
      await page.eval(`document.querySelectorAll('.quiz-q[data-answer]')[${index}].querySelector('[data-quiz-check]').setAttribute('data-e2e', 'check-${index}')`);
      await page.click(`[data-e2e="check-${index}"]`);
      return page.until(`document.querySelectorAll('.quiz-q[data-answer]')[${index}].querySelector('.quiz-feedback').textContent.trim()`);
    };
    const right = await pick(0, true);
    const shown = await page.eval(`(() => { const d = document.querySelectorAll('.quiz-q[data-answer]')[0].querySelector('details'); return d.open && !d.hidden && d.offsetParent !== null; })()`);
    assert(shown, 'the explanation does not appear after answering');
    const stillHidden = await page.eval(`(() => { const d = document.querySelectorAll('.quiz-q[data-answer]')[2]?.querySelector('details'); return !d || d.hidden; })()`);
    assert(stillHidden, 'answering one question revealed another explanation');
    const wrong = await pick(1, false);
    const labels = await page.eval(`(() => { const f = document.querySelector('.quiz-feedback'); return [f.getAttribute('data-correct'), f.getAttribute('data-wrong')]; })()`);
    assert(right.includes(labels[0]), `right answer feedback: ${right}`);
    assert(wrong.includes(labels[1]), `wrong answer feedback: ${wrong}`);
    const score = await page.eval(`document.getElementById('quiz-score').textContent`);
    assert(score.includes(`1 / ${n}`), `score shows ${q(score)}`);
    assert(/第一次|first/.test(score), `the score does not say it counts first attempts: ${q(score)}`);
    // Only the first attempt counts: answering question 2 again, correctly, shows the
    // right-answer feedback but leaves the score at 1.
    const retry = await pick(1, true);
    assert(retry.includes(labels[0]), `retry feedback: ${retry}`);
    const after = await page.eval(`document.getElementById('quiz-score').textContent`);
    assert(after.includes(`1 / ${n}`), `a retry changed the score: ${q(after)}`);
  },

  // A daily checklist starts empty the next day; a weekly one on Monday; a monthly one
  // on the 1st; a list that never resets keeps its ticks. The day is changed by faking
  // the page's clock.
  async checklists_reset_by_period(page, ctx) {
    await page.goto(ctx.url('checklists.html'));
    await clearStorage(page);
    const periods = ['daily', 'weekly', 'monthly', 'never'];
    const tick = (reset) => `(() => { const b = document.querySelector('.checklist[data-reset=${reset}] input[type=checkbox]'); if (!b.checked) b.click(); return b.checked; })()`;
    const ticked = (reset) => `document.querySelector('.checklist[data-reset=${reset}] input[type=checkbox]').checked`;
    const states = async () => page.eval(`({ ${periods.map((r) => `${r}: ${ticked(r)}`).join(', ')} })`);
    const at = async (iso) => {
      const clock = await fakeNow(page, iso);
      await page.goto(ctx.url('checklists.html'));
      const s = await states();
      await realTime(page, clock);
      return s;
    };
    // Monday 23 November 2026: tick one item of each list.
    let clock = await fakeNow(page, '2026-11-23T10:00:00');
    await page.goto(ctx.url('checklists.html'));
    for (const r of periods) assert(await page.eval(tick(r)), `cannot tick the ${r} list`);
    await realTime(page, clock);
    let s = await at('2026-11-23T18:00:00');
    assert(s.daily && s.weekly && s.monthly && s.never, `ticks lost on a reload the same day: ${q(s)}`);
    s = await at('2026-11-24T09:00:00');
    assert(!s.daily && s.weekly && s.monthly && s.never, `the next day: ${q(s)}`);
    s = await at('2026-11-30T09:00:00');
    assert(!s.daily && !s.weekly && s.monthly && s.never, `the next Monday: ${q(s)}`);
    s = await at('2026-12-01T09:00:00');
    assert(!s.daily && !s.weekly && !s.monthly && s.never, `the 1st of the next month: ${q(s)}`);
    for (const r of ['daily', 'weekly', 'monthly']) {
      const note = await page.eval(`document.querySelector('.checklist[data-reset=${r}]').previousElementSibling?.textContent ?? ''`);
      assert(note.length > 0, `a ${r} list does not say when it resets`);
    }
  },

  // Long playbook pages have their contents: beside the text on a wide screen (and it
  // stays in view), folded above it on a phone.
  async playbook_contents(page, ctx) {
    await page.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
    await page.goto(ctx.url('playbooks/out-of-stock-after-order.html'));
    const wide = await page.eval(`(() => { const d = document.getElementById('page-toc'); return { open: d.open, links: d.querySelectorAll('a').length, steps: d.querySelectorAll('a[href^="#step-"]').length }; })()`);
    assert(wide.open && wide.steps >= 3, `wide contents: ${q(wide)}`);
    await page.eval(`window.scrollTo(0, document.body.scrollHeight / 2)`);
    const inView = await page.until(`(() => { const r = document.querySelector('.page-toc').getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight ? r.top + 1 : 0; })()`);
    assert(inView, 'the contents scrolled away on a wide screen');
    await page.send('Emulation.setDeviceMetricsOverride', { width: 390, height: 800, deviceScaleFactor: 2, mobile: true });
    await page.goto(ctx.url('playbooks/out-of-stock-after-order.html'));
    const folded = await page.eval(`!document.getElementById('page-toc').open`);
    assert(folded, 'the contents are not folded on a phone');
    await page.click('#toc-title');
    await page.until(`document.getElementById('page-toc').open`);
    await page.send('Emulation.clearDeviceMetricsOverride');
  },

  // Every page but the home page says where it is and leads back home.
  async breadcrumbs_everywhere(page, ctx) {
    await page.goto(ctx.url('index.html'));
    const week = await page.eval(`document.querySelector('#latest-report + p a')?.getAttribute('href') ?? null`);
    assert(week, 'the home page does not link to the latest report');
    for (const p of ['templates.html', 'check.html', 'checklists.html', 'quiz.html', 'rules.html', 'playbooks/out-of-stock-after-order.html', 'causes/stockout.html', 'reports/index.html', week, 'handbook.html']) {
      await page.goto(ctx.url(p));
      const crumb = await page.eval(`(() => { const n = document.querySelector('nav.breadcrumb'); if (!n) return null; const a = n.querySelector('a'); return { home: a && new URL(a.href).pathname.endsWith('/index.html'), links: [...n.querySelectorAll('a')].map((x) => x.href), last: n.querySelector('[aria-current]')?.textContent ?? '' }; })()`);
      assert(crumb && crumb.home, `${p} has no breadcrumb back home`);
      assert(crumb.last.length > 0, `${p}: the breadcrumb does not name the page`);
      if (p === week) assert(crumb.links.some((h) => h.endsWith('/reports/index.html')), `the weekly report's breadcrumb does not lead to every report: ${crumb.links}`);
    }
    await page.goto(ctx.url('index.html'));
    assert(await page.eval(`!document.querySelector('nav.breadcrumb')`), 'the home page has a breadcrumb');
  },

  // The first-day path lists the course in order; ticks survive a reload.
  async first_day_path(page, ctx) {
    await page.goto(ctx.url('index.html'));
    await clearStorage(page);
    await page.goto(ctx.url('index.html'));
    const chapters = await page.eval(`[...document.querySelectorAll('.firstday-chapter')].map((e) => e.textContent)`);
    assert(chapters.length >= 8 && /1/.test(chapters[0]), `chapters: ${chapters}`);
    const links = await page.eval(`[...document.querySelectorAll('.firstday-items a')].map((a) => a.getAttribute('href'))`);
    assert(links.some((h) => h.includes('playbooks/')) && links.some((h) => h.includes('quiz.html')), `links: ${links}`);
    await page.click('input[data-firstday]');
    const progress = await page.until(`document.getElementById('firstday-progress').textContent`);
    assert(/1/.test(progress), `progress: ${progress}`);
    await page.goto(ctx.url('index.html'));
    assert(await page.eval(`document.querySelector('input[data-firstday]').checked`), 'the tick was not kept');
  },

  async check_api_on_every_page(page, ctx) {
    for (const p of ['index.html', 'playbooks/out-of-stock-after-order.html', 'quiz.html']) {
      await page.goto(ctx.url(p));
      const found = await page.eval(`window.delaybookCheckReply('😀加微信')`);
      assert(Array.isArray(found) && found.length === 1, `${p}: ${q(found)}`);
      const f = found[0];
      const keys = Object.keys(f).sort().join(',');
      assert(keys === 'better,category,end,reason,rule,severity,start,text', `${p}: finding keys ${keys}`);
      // UTF-16 offsets: the emoji before the match counts as two.
      assert(f.start === 2 && f.end === 5 && f.text === '加微信', `${p}: span ${q(f)}`);
      assert(f.category === 'off_platform_contact' && f.severity === 'error', `${p}: ${q(f)}`);
      const none = await page.eval(`window.delaybookCheckReply('不用加微信，这里说就行')`);
      assert(none.length === 0, `${p}: a negated phrase was flagged: ${q(none)}`);
    }
  },

  async check_my_reply(page, ctx) {
    await page.goto(ctx.url('check.html'));
    await page.eval(`document.getElementById('check-input').focus()`);
    // A draft with two problems: moving the buyer to WeChat and paying for a review.
    await page.type('亲，加我微信详聊，好评返现5元');
    await page.click('#check-button');
    await page.until(`document.querySelectorAll('#check-results .findings li').length >= 2`);
    const marks = await page.eval(`[...document.querySelectorAll('#check-results .marked mark')].map((m) => m.textContent)`);
    assert(marks.some((m) => m.includes('加我微信')), `加我微信 not highlighted: ${q(marks)}`);
    assert(marks.some((m) => m.includes('好评返现')), `好评返现 not highlighted: ${q(marks)}`);
    const marked = await page.eval(`document.querySelector('#check-results .marked').textContent`);
    assert(marked.startsWith('亲，加我微信详聊，好评返现5元'), `the marked draft is not the draft: ${q(marked)}`);
    const items = await page.eval(`[...document.querySelectorAll('#check-results .findings li')].map((li) => li.textContent)`);
    const labels = await page.eval(`(() => { const r = document.getElementById('check-results'); return [r.dataset.reason, r.dataset.better]; })()`);
    for (const item of items) {
      assert(item.includes(labels[0]) && item.includes(labels[1]), `a finding without reason or better wording: ${item}`);
    }
    // A clean draft says what was checked, never that the reply is fine.
    await page.eval(`(() => { const e = document.getElementById('check-input'); e.value = '您好，订单今天下午4点前发出，单号出来后第一时间发您。'; })()`);
    await page.click('#check-button');
    const clean = await page.until(`document.querySelector('#check-results .clean')?.textContent ?? ''`);
    assert(/没有命中已知的\d+类问题/.test(clean) && clean.includes('发送前请再读一遍'), `clean result: ${q(clean)}`);
    assert(!document_says_fine(clean), `clean result claims the reply is fine: ${q(clean)}`);
    assert(await page.eval(`document.querySelectorAll('#check-results mark').length`) === 0, 'marks left from the last check');
  },

  async pages_load_cleanly(page, ctx) {
    const week = await (async () => {
      await page.goto(ctx.url('index.html'));
      return page.eval(`document.querySelector('#latest-report + p a')?.getAttribute('href') ?? null`);
    })();
    assert(week, 'the home page does not link to the latest report');
    for (const p of ['index.html', 'playbooks/out-of-stock-after-order.html', 'causes/stockout.html', 'checklists.html', 'reports/index.html', week, 'handbook.html']) {
      await page.goto(ctx.url(p));
      const title = await page.eval(`document.title`);
      assert(title.length > 0, `${p} has no title`);
      const lang = await page.eval(`document.documentElement.lang`);
      assert(lang === 'zh-CN', `${p} lang=${lang}`);
      const broken = await page.eval(`[...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src)`);
      assert(broken.length === 0, `${p}: broken images: ${broken}`);
      const css = await page.eval(`[...document.styleSheets].length`);
      assert(css > 0, `${p}: no stylesheet loaded`);
    }
  },
};
