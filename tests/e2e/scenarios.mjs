// The browser scenarios. Each takes (page, ctx) and throws on failure; `ctx.url(p)`
// resolves a site-relative path for the current mode (http or file).

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

const q = JSON.stringify;

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
    assert(said.includes('没有找到') && said.includes('zzzz'), `empty text: ${said}`);
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
    // Record what the page hands to the clipboard, whichever API it uses.
    await page.eval(`(() => {
      window.__copied = null;
      const cb = navigator.clipboard;
      if (cb) { const orig = cb.writeText.bind(cb); cb.writeText = (t) => { window.__copied = t; return orig(t); }; }
      const exec = document.execCommand.bind(document);
      document.execCommand = (c, ...r) => { if (c === 'copy') window.__copied = String(window.getSelection()) || document.activeElement?.value; return exec(c, ...r); };
    })()`);
    const card = await page.eval(`(() => {
      const c = [...document.querySelectorAll('.tpl[data-tpl]')].find((e) => e.querySelector('input[data-ph][type=text]') && e.querySelector('input[data-ph][type=date]'))
        ?? [...document.querySelectorAll('.tpl[data-tpl]')].find((e) => e.querySelector('input[data-ph]'));
      return c && c.getAttribute('data-tpl');
    })()`);
    assert(card, 'no template with placeholders');
    const sel = `.tpl[data-tpl=${q(card)}]`;
    const warnBefore = await page.eval(`document.querySelector(${q(sel + ' [data-warnings]')}).textContent`);
    assert(warnBefore.trim().length > 0, 'no warning while placeholders are empty');
    const inputs = await page.eval(`[...document.querySelectorAll(${q(sel + ' input[data-ph]')})].map((i) => ({ id: i.id, type: i.type }))`);
    const typed = [];
    for (const [i, input] of inputs.entries()) {
      if (input.type === 'date') {
        await page.eval(`(() => { const e = document.getElementById(${q(input.id)}); e.value = '2026-11-28'; e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true })); })()`);
        typed.push('28');
      } else {
        const value = input.type === 'number' ? String(20 + i) : `测试值${i}`;
        await page.eval(`document.getElementById(${q(input.id)}).focus()`);
        await page.type(value);
        typed.push(value);
      }
    }
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
    // A problem typed into a field is found by the reply check, and copying says so.
    const textInput = inputs.find((i) => i.type === 'text');
    if (textInput) {
      await page.eval(`document.getElementById(${q(textInput.id)}).focus()`);
      await page.type('，加我微信聊');
      const warn = await page.eval(`document.querySelector(${q(sel + ' [data-warnings]')}).textContent`);
      assert(warn.includes('加我微信'), `no reply-check warning for 加我微信: ${q(warn)}`);
      await page.eval(`document.querySelector(${q(sel + ' [data-copy-status]')}).textContent = ''`);
      await page.click(`${sel} [data-copy]`);
      const status = await page.until(`document.querySelector(${q(sel + ' [data-copy-status]')}).textContent.trim()`);
      const expected = await page.eval(`JSON.parse(document.getElementById('tpl-data').textContent).strings.copied_with_findings.split('{n}')[0]`);
      assert(status.startsWith(expected), `copy status does not mention the findings: ${q(status)}`);
    }
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
        assert(href.includes('playbooks/') && href.endsWith('.html'), `triage link opened ${href}`);
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

  async quiz_score(page, ctx) {
    await page.goto(ctx.url('quiz.html'));
    const n = await page.eval(`document.querySelectorAll('.quiz-q[data-answer]').length`);
    assert(n >= 2, `only ${n} quiz questions`);
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
    const wrong = await pick(1, false);
    const labels = await page.eval(`(() => { const f = document.querySelector('.quiz-feedback'); return [f.getAttribute('data-correct'), f.getAttribute('data-wrong')]; })()`);
    assert(right.includes(labels[0]), `right answer feedback: ${right}`);
    assert(wrong.includes(labels[1]), `wrong answer feedback: ${wrong}`);
    const score = await page.eval(`document.getElementById('quiz-score').textContent`);
    assert(score.includes(`1 / ${n}`), `score shows ${q(score)}`);
    // Only the first attempt counts: answering question 2 again, correctly, shows the
    // right-answer feedback but leaves the score at 1.
    const retry = await pick(1, true);
    assert(retry.includes(labels[0]), `retry feedback: ${retry}`);
    const after = await page.eval(`document.getElementById('quiz-score').textContent`);
    assert(after.includes(`1 / ${n}`), `a retry changed the score: ${q(after)}`);
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
