// A minimal Chrome DevTools Protocol client over --remote-debugging-pipe: no npm
// packages, no WebSocket. Chromium reads NUL-terminated JSON commands on fd 3 and
// writes NUL-terminated JSON replies and events on fd 4.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function launch(executable) {
  const profile = mkdtempSync(join(tmpdir(), 'delaybook-e2e-'));
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-default-apps', '--mute-audio', '--remote-debugging-pipe',
    `--user-data-dir=${profile}`, 'about:blank',
  ];
  const proc = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  proc.stderr.on('data', () => {});
  const browser = new Browser(proc, profile);
  await browser.send('Target.getTargets');
  return browser;
}

class Browser {
  constructor(proc, profile) {
    this.proc = proc;
    this.profile = profile;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    this.buffer = '';
    this.writer = proc.stdio[3];
    proc.stdio[4].on('data', (chunk) => this.onData(chunk));
    proc.on('exit', (code) => {
      for (const { reject } of this.pending.values()) reject(new Error(`chromium exited (${code})`));
      this.pending.clear();
    });
  }

  onData(chunk) {
    this.buffer += chunk.toString('utf8');
    let end;
    while ((end = this.buffer.indexOf('\0')) >= 0) {
      const msg = JSON.parse(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end + 1);
      if (msg.id && this.pending.has(msg.id)) {
        const { resolve, reject, method } = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
        else resolve(msg.result);
      } else if (msg.method) {
        for (const l of this.listeners) l(msg);
      }
    }
  }

  send(method, params = {}, sessionId = undefined) {
    const id = this.nextId++;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.writer.write(JSON.stringify(msg) + '\0');
    });
  }

  async newPage() {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const page = new Page(this, sessionId);
    await page.init();
    return page;
  }

  async close() {
    const exited = new Promise((resolve) => {
      if (this.proc.exitCode !== null) resolve();
      else this.proc.once('exit', resolve);
    });
    try { await this.send('Browser.close'); } catch { /* already gone */ }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    this.proc.kill('SIGKILL');
    try { rmSync(this.profile, { recursive: true, force: true, maxRetries: 5 }); } catch { /* best effort */ }
  }
}

class Page {
  constructor(browser, sessionId) {
    this.browser = browser;
    this.sessionId = sessionId;
    this.errors = [];
    this.requests = [];
    this.waiters = [];
    browser.listeners.push((msg) => {
      if (msg.sessionId !== this.sessionId) return;
      if (msg.method === 'Runtime.exceptionThrown') {
        const d = msg.params.exceptionDetails;
        this.errors.push(`exception: ${d.exception?.description ?? d.text}`);
      } else if (msg.method === 'Runtime.consoleAPICalled' && (msg.params.type === 'error' || msg.params.type === 'warning')) {
        this.errors.push(`console.${msg.params.type}: ${msg.params.args.map((a) => a.value ?? a.description).join(' ')}`);
      } else if (msg.method === 'Log.entryAdded' && msg.params.entry.level === 'error') {
        this.errors.push(`log: ${msg.params.entry.text} ${msg.params.entry.url ?? ''}`);
      } else if (msg.method === 'Network.requestWillBeSent') {
        this.requests.push(msg.params.request.url);
      }
      this.waiters = this.waiters.filter((w) => !w(msg));
    });
  }

  send(method, params) { return this.browser.send(method, params, this.sessionId); }

  async init() {
    await this.send('Page.enable');
    await this.send('Runtime.enable');
    await this.send('Log.enable');
    await this.send('Network.enable');
  }

  waitFor(method, timeoutMs = 10000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout waiting for ${method}`)), timeoutMs);
      this.waiters.push((msg) => {
        if (msg.method !== method) return false;
        clearTimeout(timer);
        resolve(msg.params);
        return true;
      });
    });
  }

  async goto(url) {
    const loaded = this.waitFor('Page.loadEventFired');
    const res = await this.send('Page.navigate', { url });
    if (res.errorText) throw new Error(`navigate ${url}: ${res.errorText}`);
    await loaded;
  }

  /** Evaluates `expression` in the page (awaiting promises) and returns its JSON value. */
  async eval(expression) {
    const res = await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, userGesture: true });
    if (res.exceptionDetails) {
      throw new Error(`eval failed: ${res.exceptionDetails.exception?.description ?? res.exceptionDetails.text}\n  in: ${expression}`);
    }
    return res.result.value;
  }

  /** Types text into the focused element as real input events. */
  async type(text) { await this.send('Input.insertText', { text }); }

  /** Presses a named key (ArrowDown, Enter, Escape …). */
  async press(key) {
    const codes = { ArrowDown: 40, ArrowUp: 38, Enter: 13, Escape: 27, Tab: 9 };
    const base = { key, code: key, windowsVirtualKeyCode: codes[key] ?? 0 };
    await this.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...base, ...(key === 'Enter' ? { text: '\r' } : {}) });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base });
  }

  /** Clicks the centre of the first element matching `selector` with a real mouse event. */
  async click(selector) {
    const box = await this.eval(`(() => { const e = document.querySelector(${JSON.stringify(selector)});
      if (!e) return null; e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; })()`);
    if (!box) throw new Error(`no element matches ${selector}`);
    for (const type of ['mousePressed', 'mouseReleased']) {
      await this.send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 });
    }
  }

  /** Polls `expression` until it is truthy; returns its value. */
  async until(expression, timeoutMs = 5000) {
    const start = Date.now();
    for (;;) {
      const v = await this.eval(expression);
      if (v) return v;
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${expression}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
