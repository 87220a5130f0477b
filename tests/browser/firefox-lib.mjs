// Firefox ESR for the browser tests: launches Debian's firefox-esr over WebDriver BiDi with
// puppeteer-core, and gives each check a page with the part of Playwright's page API the tests
// use (locators, clicks, selects, typing, file inputs, downloads, a fake clock), so that one
// test file runs unchanged in Chromium (through Playwright) and in Firefox.
//
// Playwright's own Firefox support over BiDi needs commands this ESR lacks, hence puppeteer.
// Firefox keeps its default file:// rule (each file its own origin, so its own storage): the
// preference puppeteer turns off by default is turned back on, so the tests see what a reader
// sees. Downloads are caught in the page (the anchor's `download` name and the bytes of its
// blob), as the BiDi of this ESR reports none.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CheckError, WAIT_MS } from './lib.mjs';

export const FIREFOX = process.env.PREPBOOK_FIREFOX || '/usr/bin/firefox-esr';

/**
 * Launches headless Firefox ESR; `fakeMedia` gives it a fake microphone that needs no
 * permission, `dark` the dark colour scheme.
 */
export function launchFirefox({ fakeMedia = false, dark = false } = {}) {
  const prefs = {
    // Firefox's default, which puppeteer turns off: each file:// page is its own origin.
    'security.fileuri.strict_origin_policy': true,
    // Nothing leaves the machine: every proxied connection goes to a closed local port.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': 9,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': 9,
    'network.proxy.socks': '127.0.0.1',
    'network.proxy.socks_port': 9,
    'network.proxy.allow_hijacking_localhost': true,
  };
  // The scheme pages see in prefers-color-scheme: 0 dark, 1 light.
  prefs['layout.css.prefers-color-scheme.content-override'] = dark ? 0 : 1;
  if (fakeMedia) {
    prefs['media.navigator.streams.fake'] = true;
    prefs['media.navigator.permission.disabled'] = true;
  }
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    timeout: 60_000,
    extraPrefsFirefox: prefs,
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it gives a truthy value; throws `what` after WAIT_MS. */
async function poll(what, fn, ms = WAIT_MS) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new CheckError(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** Finds a locator's elements in the page: each step's selector under the last step's elements. */
const RESOLVE = `function resolve(steps) {
  let found = [document];
  for (const s of steps) {
    const next = new Set();
    for (const root of found) for (const e of root.querySelectorAll(s.sel)) next.add(e);
    let els = [...next];
    if (s.hasText !== undefined && s.hasText !== null) els = els.filter((e) => e.textContent.includes(s.hasText));
    if (s.nth !== undefined && s.nth !== null) els = els[s.nth] ? [els[s.nth]] : [];
    found = els;
  }
  return found;
}`;

/** A function for the page that calls `fn(elements, arg)` with the elements `steps` finds. */
function inPage(fn) {
  // eslint-disable-next-line no-new-func
  return new Function('steps', 'arg', `${RESOLVE}\nreturn (${fn.toString()})(resolve(steps), arg);`);
}

/** Playwright's key names ("Shift+Tab", "Enter", " ") pressed with puppeteer's keyboard. */
async function pressKey(keyboard, combo) {
  const parts = combo === '+' ? ['+'] : combo.split('+');
  const key = parts.pop();
  for (const m of parts) await keyboard.down(m);
  await keyboard.press(key);
  for (const m of parts.reverse()) await keyboard.up(m);
}

class Locator {
  constructor(page, steps) {
    this.page = page;
    this.steps = steps;
  }

  locator(sel, opts = {}) { return new Locator(this.page, [...this.steps, { sel, hasText: opts.hasText }]); }
  first() { return this.nth(0); }
  nth(i) { return new Locator(this.page, [...this.steps.slice(0, -1), { ...this.steps.at(-1), nth: i }]); }

  describe() {
    return this.steps.map((s) => s.sel + (s.nth !== undefined ? ` >> nth=${s.nth}` : '')).join(' >> ');
  }

  /** `fn(elements, arg)` run in the page. */
  run(fn, arg) { return this.page.raw.evaluate(inPage(fn), this.steps, arg); }

  /** `fn(element, arg)` on the first element, once there is one. */
  async onFirst(fn, arg) {
    const got = await poll(`${this.describe()} to be in the page`, () =>
      // eslint-disable-next-line no-new-func
      this.run((els, [src, a]) => (els.length ? { v: new Function(`return ${src}`)()(els[0], a) } : null), [fn.toString(), arg]),
    );
    return got.v;
  }

  /** The first element as a handle, once `ready(element)` holds. */
  async handle(ready = () => true, what = 'to be in the page', arg = null) {
    return poll(`${this.describe()} ${what}`, async () => {
      const h = await this.page.raw.evaluateHandle(inPage((els, [src, a]) => {
        const e = els[0];
        // eslint-disable-next-line no-new-func
        return e && new Function(`return ${src}`)()(e, a) ? e : null;
      }), this.steps, [ready.toString(), arg]).catch(() => null);
      const el = h && h.asElement();
      if (!el && h) await h.dispose();
      return el;
    });
  }

  async count() { return this.run((els) => els.length); }
  async textContent() { return this.onFirst((e) => e.textContent); }
  async getAttribute(name) { return this.onFirst((e, n) => e.getAttribute(n), name); }
  async inputValue() { return this.onFirst((e) => e.value); }
  async evaluate(fn, arg) { return (await this.handle()).evaluate(fn, arg); }
  async evaluateAll(fn) { return this.run(fn); }
  async allTextContents() { return this.run((els) => els.map((e) => e.textContent)); }
  async isDisabled() { return this.onFirst((e) => e.disabled === true); }
  async isChecked() { return this.onFirst((e) => e.checked === true); }

  async isVisible() {
    return this.run((els) => {
      const e = els[0];
      if (!e) return false;
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
    });
  }

  /** Clicks the element's centre once it is shown and enabled (or at once with `force`). */
  async click({ force = false } = {}) {
    const ready = force
      ? (e) => e.getClientRects().length > 0
      : (e) => e.getClientRects().length > 0 && !e.disabled && getComputedStyle(e).visibility !== 'hidden';
    const el = await this.handle(ready, force ? 'to be shown' : 'to be shown and enabled');
    await el.click();
    await el.dispose();
  }

  async focus() { await (await this.handle()).focus(); }
  async press(key) { await this.focus(); await pressKey(this.page.raw.keyboard, key); }

  async fill(value) {
    const e = await this.handle();
    await e.focus();
    await e.evaluate((el) => el.select());
    if (value === '') await this.page.raw.keyboard.press('Backspace');
    else await this.page.raw.keyboard.type(String(value));
  }

  async setChecked(on) {
    if ((await this.isChecked()) !== on) await this.click();
    if ((await this.isChecked()) !== on) throw new CheckError(`${this.describe()} did not become ${on ? '' : 'un'}checked`);
  }

  async boundingBox() {
    return this.run((els) => {
      if (!els[0] || els[0].getClientRects().length === 0) return null;
      const r = els[0].getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
  }

  async check() {
    if (!(await this.isChecked())) await this.click();
    if (!(await this.isChecked())) throw new CheckError(`${this.describe()} did not become checked`);
  }

  async selectOption(value) {
    const e = await this.handle((el, v) => [...el.options].some((o) => o.value === v), `to offer ${JSON.stringify(value)}`, value);
    await e.select(value);
  }
}

/** A fake clock in the page: time runs on as usual, and `runFor` jumps it forward, firing timers. */
function fakeClock() {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  const realSetInterval = window.setInterval.bind(window);
  let offset = 0;
  let seq = 1;
  const timers = new Map();
  const now = () => realNow() + offset;
  function FakeDate(...a) {
    if (!new.target) return new RealDate(now()).toString();
    return a.length ? new RealDate(...a) : new RealDate(now());
  }
  FakeDate.prototype = RealDate.prototype;
  FakeDate.now = now;
  FakeDate.parse = RealDate.parse;
  FakeDate.UTC = RealDate.UTC;
  window.Date = FakeDate;
  const add = (fn, ms, repeat, args) => {
    const id = seq++;
    timers.set(id, { fn, at: now() + Math.max(0, ms || 0), every: repeat ? Math.max(1, ms || 0) : 0, args });
    return id;
  };
  /** Fires, in time order, every timer due at `until`. */
  function fire(until) {
    for (;;) {
      let next = null;
      for (const [id, t] of timers) if (t.at <= until && (!next || t.at < next[1].at)) next = [id, t];
      if (!next) return;
      const [id, t] = next;
      if (t.every) t.at += t.every;
      else timers.delete(id);
      if (typeof t.fn === 'function') t.fn(...t.args);
    }
  }
  window.setTimeout = (fn, ms, ...args) => add(fn, ms, false, args);
  window.setInterval = (fn, ms, ...args) => add(fn, ms, true, args);
  window.clearTimeout = window.clearInterval = (id) => timers.delete(id);
  realSetInterval(() => fire(now()), 16);
  window.__prepbookClock = {
    runFor(ms) {
      const end = now() + ms;
      for (;;) {
        let at = null;
        for (const t of timers.values()) if (t.at <= end && (at === null || t.at < at)) at = t.at;
        if (at === null) break;
        offset += Math.max(0, at - now());
        fire(at);
      }
      offset += Math.max(0, end - now());
    },
  };
}

/** Keeps what the page offers for download: the anchor's name and its bytes, base64. */
function catchDownloads() {
  window.__prepbookDownloads = [];
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (!this.hasAttribute('download')) return click.call(this);
    const entry = { name: this.download, data: null, taken: false };
    window.__prepbookDownloads.push(entry);
    fetch(this.href)
      .then((r) => r.arrayBuffer())
      .then((b) => {
        let s = '';
        const bytes = new Uint8Array(b);
        for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        entry.data = btoa(s);
      });
    return undefined;
  };
}

/**
 * The Firefox browsers of a run: one per colour scheme, as this ESR's BiDi cannot switch the
 * scheme of a page; the dark one is launched the first time a check asks for it.
 */
export class FirefoxBrowsers {
  constructor(options, watch) {
    this.options = options;
    this.watch = watch;
    this.launched = new Map();
  }

  async get(scheme = 'light') {
    if (!this.launched.has(scheme)) this.launched.set(scheme, launchFirefox({ ...this.options, dark: scheme === 'dark' }));
    return this.launched.get(scheme);
  }

  async close() {
    for (const b of this.launched.values()) await (await b).close().catch(() => {});
  }
}

/** A puppeteer page dressed as the Playwright page the tests drive. */
export class FirefoxPage {
  constructor(browsers) {
    this.browsers = browsers;
    this.raw = null;
    this.scheme = 'light';
    this.initScripts = [[catchDownloads]];
    this.viewport = null;
    this.keyboard = {
      press: (k) => pressKey(this.raw.keyboard, k),
      type: (t) => this.raw.keyboard.type(t),
    };
    this.clock = {
      install: () => this.addInitScript(fakeClock),
      runFor: (ms) => this.raw.evaluate((m) => window.__prepbookClock.runFor(m), ms),
    };
    this.tmp = null;
  }

  static async open(browsers) {
    const page = new FirefoxPage(browsers);
    await page.newRaw();
    return page;
  }

  /** A new tab in the browser of the current scheme, with the init scripts and the viewport. */
  async newRaw() {
    const raw = await (await this.browsers.get(this.scheme)).newPage();
    raw.setDefaultTimeout(WAIT_MS);
    raw.setDefaultNavigationTimeout(WAIT_MS);
    for (const [fn, ...args] of this.initScripts) await raw.evaluateOnNewDocument(fn, ...args);
    if (this.viewport) await raw.setViewport(this.viewport);
    this.browsers.watch(raw);
    this.raw = raw;
  }

  /** The light or dark scheme, for the pages opened after this call (a new tab, blank). */
  async emulateMedia({ colorScheme }) {
    if (!colorScheme || colorScheme === this.scheme) return;
    await this.raw.close().catch(() => {});
    this.scheme = colorScheme;
    await this.newRaw();
  }

  locator(sel, opts = {}) { return new Locator(this, [{ sel, hasText: opts.hasText }]); }
  url() { return this.raw.url(); }
  async goto(url) { await this.raw.goto(url, { waitUntil: 'load' }); }
  async reload() { await this.raw.reload({ waitUntil: 'load' }); }
  async waitForLoadState() { await poll('the page to load', () => this.raw.evaluate(() => document.readyState === 'complete')); }
  async waitForTimeout(ms) { await sleep(ms); }
  /** Waits until the address matches `want`: a function of the URL, a RegExp or the address itself. */
  async waitForURL(want, { timeout = WAIT_MS } = {}) {
    const ok = (u) => (typeof want === 'function' ? want(new URL(u)) : want instanceof RegExp ? want.test(u) : u === String(want));
    await poll(`the address to match ${want}`, () => ok(this.raw.url()), timeout);
  }
  async waitForSelector(sel) { await this.locator(sel).handle((e) => e.getClientRects().length > 0, 'to be shown'); }
  async evaluate(fn, arg) { return this.raw.evaluate(fn, arg); }
  async addInitScript(fn, ...args) { this.initScripts.push([fn, ...args]); await this.raw.evaluateOnNewDocument(fn, ...args); }
  async setViewportSize({ width, height }) { this.viewport = { width, height }; await this.raw.setViewport(this.viewport); }
  async focus(sel) { await this.locator(sel).focus(); }
  async click(sel, opts) { await this.locator(sel).click(opts); }
  async fill(sel, v) { await this.locator(sel).fill(v); }
  async check(sel) { await this.locator(sel).check(); }
  async isChecked(sel) { return this.locator(sel).isChecked(); }
  async inputValue(sel) { return this.locator(sel).inputValue(); }
  async getAttribute(sel, name) { return this.locator(sel).getAttribute(name); }
  async selectOption(sel, value) { await this.locator(sel).selectOption(value); }
  async close() { await this.raw.close(); if (this.tmp) rmSync(this.tmp, { recursive: true, force: true }); }

  /** Sets a file input to files given as `{ name, mimeType, buffer }`, as Playwright takes them. */
  async setInputFiles(sel, files) {
    this.tmp ??= mkdtempSync(join(tmpdir(), 'prepbook-ff-'));
    const dir = mkdtempSync(join(this.tmp, 'f-'));
    const paths = [files].flat().map((f) => {
      const p = join(dir, f.name);
      writeFileSync(p, f.buffer);
      return p;
    });
    await (await this.locator(sel).handle()).uploadFile(...paths);
  }

  /** The next download the page offers, with Playwright's `suggestedFilename()` and `path()`. */
  async waitForEvent(event) {
    if (event !== 'download') throw new Error(`waitForEvent(${event}) is not supported in Firefox`);
    const got = await poll('a download', () =>
      this.raw.evaluate(() => {
        const d = window.__prepbookDownloads.find((x) => !x.taken && x.data !== null);
        if (d) d.taken = true;
        return d || null;
      }),
    );
    this.tmp ??= mkdtempSync(join(tmpdir(), 'prepbook-ff-'));
    const path = join(mkdtempSync(join(this.tmp, 'd-')), got.name);
    writeFileSync(path, Buffer.from(got.data, 'base64'));
    return { suggestedFilename: () => got.name, path: async () => path };
  }
}
