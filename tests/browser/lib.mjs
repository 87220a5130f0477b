// Shared helpers for prepbook's browser tests: launch headless Chromium with no network,
// collect anything that must fail a test (a request that is not file:, a dialog, an uncaught
// page error, a file that failed to load), run named checks, and read search results.
//
// Run a script as `node tests/browser/<name>.test.mjs <built book folder>`; the Rust wrapper in
// tests/it/browser.rs does that after building. PREPBOOK_CHROMIUM overrides the browser path.
// With PREPBOOK_BROWSER=firefox, `runChecks` runs the same checks in Firefox ESR instead
// (firefox-lib.mjs; PREPBOOK_FIREFOX overrides its path).

import { chromium } from 'playwright-core';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** How long any single wait may take. */
export const WAIT_MS = 5000;
/** The whole script is stopped after this long (the Rust side kills it at 240 s). */
const SCRIPT_MS = 200_000;

export const CHROMIUM = process.env.PREPBOOK_CHROMIUM || '/usr/bin/chromium';
/** Which browser `runChecks` drives: `chromium` (the default) or `firefox`. */
export const BROWSER = process.env.PREPBOOK_BROWSER || 'chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium with the flags that keep it off the network. */
export function launchChromium(options = {}) {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ...options });
}

/** Every search kind code, as the filters and `prepbookSearch.query` name them. */
export const ALL_KINDS = ['question', 'principle', 'answer', 'tip', 'page', 'story'];

export class CheckError extends Error {}

/** Throws with `message` unless `cond` holds. */
export function ensure(cond, message) {
  if (!cond) throw new CheckError(message);
}

/** The built book folder given as the first argument, checked to hold an index.html. */
export function bookArg() {
  const dir = process.argv[2];
  if (!dir) fatal(`usage: node ${process.argv[1]} <built book folder>`);
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) fatal(`not a folder: ${abs}`);
  if (!existsSync(resolve(abs, 'index.html'))) fatal(`no index.html in ${abs}: build the book first`);
  return abs;
}

/** The file:// URL of `rel` (a `/`-separated path, may carry `?query`/`#hash`) in `dir`. */
export function fileUrl(dir, rel) {
  const m = /^([^?#]*)(.*)$/.exec(rel);
  return pathToFileURL(resolve(dir, m[1])).href + m[2];
}

function fatal(message) {
  console.error(`error: ${message}`);
  process.exit(2);
}

/**
 * Launches Chromium with a guarded context and runs `checks` (a list of `[name, fn]`, `fn`
 * receiving a fresh page) one after the other. Each check passes only if it returns without
 * throwing and, while it ran, nothing left the machine, no dialog opened and no page error was
 * thrown. Prints one line per check and a closing `N passed, N failed`; exits non-zero on any
 * failure. `args` adds Chromium command-line flags (a fake microphone, say; Firefox gets its
 * own); `browser` is `chromium` or `firefox` (by default PREPBOOK_BROWSER, else Chromium).
 */
export async function runChecks(title, checks, { args = [], browser: which = BROWSER } = {}) {
  const watchdog = setTimeout(() => {
    console.error(`error: ${title}: the script took longer than ${SCRIPT_MS / 1000} s; stopping`);
    process.exit(3);
  }, SCRIPT_MS);
  watchdog.unref();
  if (which === 'firefox') {
    await runInFirefox(title, checks, { fakeMedia: args.includes('--use-fake-device-for-media-stream') });
    clearTimeout(watchdog);
    return;
  }

  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS, ...args],
      timeout: 30_000,
    });
  } catch (e) {
    console.error(`error: could not launch Chromium at ${CHROMIUM}: ${e.message}`);
    process.exit(2);
  }

  const problems = [];
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.setOffline(true);
  // Every request is seen here (routed or not) and every non-file one fails the check; the
  // route below makes sure such a request never leaves the machine.
  context.on('request', (req) => {
    if (!isLocal(req.url())) problems.push(`network request to a non-file URL: ${req.url()}`);
  });
  await context.route('**/*', (route) =>
    isLocal(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
  );
  context.on('requestfailed', (req) => {
    const error = req.failure()?.errorText ?? 'unknown error';
    // ERR_ABORTED is a load the page itself cut short by navigating on (the favicon, say),
    // not a missing file.
    if (req.url().startsWith('file:') && error !== 'net::ERR_ABORTED') {
      problems.push(`failed to load ${req.url()}: ${error}`);
    }
  });
  context.on('page', (page) => watchPage(page, problems));

  const failed = await runEach(title, checks, problems, async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.setDefaultNavigationTimeout(WAIT_MS);
    return page;
  });
  await context.close().catch(() => {});
  await browser.close().catch(() => {});
  clearTimeout(watchdog);
  finish(title, failed);
}

/** `runChecks` in Firefox ESR, each check given a page with the same API as Playwright's. */
async function runInFirefox(title, checks, options) {
  const { FirefoxBrowsers, FirefoxPage, FIREFOX } = await import('./firefox-lib.mjs');
  const problems = [];
  const browsers = new FirefoxBrowsers(options, (raw) => {
    raw.on('request', (req) => {
      if (!isLocal(req.url())) problems.push(`network request to a non-file URL: ${req.url()}`);
    });
    raw.on('dialog', (dialog) => {
      problems.push(`a ${dialog.type()} dialog opened: ${JSON.stringify(dialog.message())}`);
      dialog.dismiss().catch(() => {});
    });
    raw.on('pageerror', (err) => problems.push(`uncaught page error: ${err.message}`));
    raw.on('console', (msg) => {
      if (msg.type() === 'error') console.log(indent(`(console error: ${msg.text()})`));
    });
  });
  try {
    await browsers.get();
  } catch (e) {
    console.error(`error: could not launch Firefox at ${FIREFOX}: ${e.message}`);
    process.exit(2);
  }
  const failed = await runEach(`${title} (firefox)`, checks, problems, () => FirefoxPage.open(browsers));
  await browsers.close();
  finish(`${title} (firefox)`, failed);
}

/** Runs each check on a fresh page from `newPage`, prints its outcome, gives the failed names. */
async function runEach(title, checks, problems, newPage) {
  console.log(`# ${title}`);
  const failed = [];
  for (const [name, fn] of checks) {
    problems.length = 0;
    const page = await newPage();
    const start = Date.now();
    let error = null;
    try {
      await fn(page);
      // Give a late error (e.g. from a debounced handler) a moment to show up.
      await page.waitForTimeout(100);
    } catch (e) {
      error = e;
    }
    const messages = [...problems];
    if (error) messages.unshift(error instanceof CheckError ? error.message : String(error.stack || error));
    if (messages.length === 0) {
      console.log(`ok - ${name} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
    } else {
      failed.push(name);
      console.log(`FAIL - ${name}`);
      const counts = new Map();
      for (const m of messages) counts.set(m, (counts.get(m) || 0) + 1);
      for (const [m, n] of counts) console.log(indent(n > 1 ? `${m} (${n} times)` : m));
      console.log(indent(`(page: ${page.url()})`));
    }
    await page.close().catch(() => {});
  }
  console.log(`${checks.length - failed.length} passed, ${failed.length} failed`);
  return failed;
}

function finish(title, failed) {
  if (failed.length) {
    console.error(`${title}: failed: ${failed.join(', ')}`);
    process.exit(1);
  }
}

function isLocal(url) {
  // data:, blob: and about:blank never touch the network; everything else must be file:.
  return /^(file|data|blob):/.test(url) || url === 'about:blank';
}

function indent(text) {
  return String(text)
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

function watchPage(page, problems) {
  page.on('dialog', (dialog) => {
    problems.push(`a ${dialog.type()} dialog opened: ${JSON.stringify(dialog.message())}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (err) => problems.push(`uncaught page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') console.log(indent(`(console error: ${msg.text()})`));
  });
}

// ---- search -------------------------------------------------------------------------------

/** The dropdown under the header's search field. */
export const DROPDOWN = '#search-results';
/** The result list of search.html. */
export const PAGE_LIST = '#search-page-results';

/** Every `li.search-result` under `container`, read as plain data. */
export async function readResults(page, container) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel);
    if (!root) return null;
    const text = (el, s) => {
      const e = el.querySelector(s);
      return e ? e.textContent.replace(/\s+/g, ' ').trim() : null;
    };
    return [...root.querySelectorAll('li.search-result')].map((li) => {
      const a = li.querySelector('a.search-result-link');
      return {
        href: a ? a.getAttribute('href') : null,
        url: a ? a.href : null,
        // The kind's id (question, principle, answer, tip, page, story), whatever its label.
        kind: li.querySelector('.search-result-kind')?.getAttribute('data-kind') ?? null,
        principle: text(li, '.search-result-principle'),
        title: text(li, '.search-result-title'),
        titleRaw: (li.querySelector('.search-result-title') || {}).textContent ?? null,
        marks: [...li.querySelectorAll('.search-result-title mark')].map((m) => m.textContent),
        snippet: text(li, '.search-result-snippet'),
        // In the dropdown the link is the listbox option.
        selected: (a ? a.getAttribute('aria-selected') : li.getAttribute('aria-selected')) === 'true',
      };
    });
  }, container);
}

/** True when `sel` exists, has no `hidden` attribute, and is rendered. */
export async function isShown(page, sel) {
  const loc = page.locator(sel);
  if ((await loc.count()) === 0) return false;
  return (await loc.first().isVisible()) && (await loc.first().getAttribute('hidden')) === null;
}

/**
 * Waits until `container` is shown with at least one result and its results have stopped
 * changing for a short while (the input is debounced), and returns them. `accept(results)`
 * may narrow what counts as settled (e.g. "differs from before").
 */
export async function settledResults(page, container, { accept = () => true, what = 'results' } = {}) {
  const deadline = Date.now() + WAIT_MS;
  let last = null;
  let lastKey = '';
  let stableSince = 0;
  while (Date.now() < deadline) {
    const shown = await isShown(page, container);
    const results = shown ? await readResults(page, container) : null;
    const key = JSON.stringify(results);
    if (key !== lastKey) {
      lastKey = key;
      stableSince = Date.now();
    }
    last = results;
    if (results && results.length > 0 && accept(results) && Date.now() - stableSince >= 250) return results;
    await page.waitForTimeout(50);
  }
  const state = (await page.locator(container).count()) === 0
    ? `${container} does not exist`
    : `${container} is ${(await isShown(page, container)) ? 'shown' : 'hidden'} with ${last ? last.length : 0} li.search-result`;
  throw new CheckError(`timed out after ${WAIT_MS} ms waiting for ${what}: ${state}; last results: ${summarize(last)}`);
}

/** Focuses the header search field and types `q` into it key by key, replacing what was there. */
export async function typeQuery(page, q) {
  const input = page.locator('#search-input');
  ensure((await input.count()) === 1, `expected exactly one #search-input, found ${await input.count()}`);
  await input.fill('');
  await input.focus();
  await page.keyboard.type(q);
  const value = await input.inputValue();
  ensure(value === q, `typed ${JSON.stringify(q)} into #search-input but it holds ${JSON.stringify(value)}`);
}

/** The path of a result URL without query and fragment. */
export function pathOf(url) {
  return url ? url.replace(/[?#].*$/, '') : '';
}

/** A short human-readable list of results for failure messages. */
export function summarize(results) {
  if (!results) return '(none)';
  if (results.length === 0) return '[]';
  return (
    '\n' +
    results
      .slice(0, 12)
      .map((r, i) => `  ${i + 1}. [${r.kind}] ${r.principle ? `(${r.principle}) ` : ''}${JSON.stringify(r.title)} -> ${r.href}`)
      .join('\n') +
    (results.length > 12 ? `\n  … ${results.length - 12} more` : '')
  );
}

/** The text of `#search-status`, whitespace collapsed. */
export async function statusText(page) {
  const loc = page.locator('#search-status');
  if ((await loc.count()) === 0) return null;
  return (await loc.first().textContent()).replace(/\s+/g, ' ').trim();
}

/** The number in `#search-status` ("12 results for …", "12 résultats pour …"): the first
 * number, before the query; null when there is none ("No results"). */
export function statusCount(text) {
  const m = /^[^“"«]*?(\d[\d,\u00a0\u202f]*)/.exec(text || '');
  return m ? Number(m[1].replace(/[,\u00a0\u202f]/g, '')) : null;
}
