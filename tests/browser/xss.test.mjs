// Markup in content stays text in search results: the handbook built from
// tests/fixtures/browser/search-xss, opened from disk in headless Chromium.
// Usage: node tests/browser/xss.test.mjs <built book folder>

import {
  DROPDOWN,
  PAGE_LIST,
  bookArg,
  ensure,
  fileUrl,
  runChecks,
  settledResults,
  statusText,
  summarize,
  typeQuery,
} from './lib.mjs';

const book = bookArg();
const url = (rel) => fileUrl(book, rel);

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(2)</script>';

/** Fails if markup from the content became elements, or a payload ran. */
async function assertInert(page, where) {
  const found = await page.evaluate((sel) => {
    const root = document.querySelector(sel);
    return {
      imgs: root ? root.querySelectorAll('img').length : -1,
      scripts: root ? root.querySelectorAll('script').length : -1,
      onerror: root ? root.querySelectorAll('[onerror]').length : -1,
      xss: typeof window.__xss,
    };
  }, where);
  ensure(found.imgs !== -1, `${where} does not exist`);
  ensure(found.xss === 'undefined', `window.__xss is set (${found.xss}): a payload ran`);
  ensure(found.imgs === 0, `${found.imgs} <img> element(s) inside ${where}`);
  ensure(found.scripts === 0, `${found.scripts} <script> element(s) inside ${where}`);
  ensure(found.onerror === 0, `${found.onerror} element(s) with an onerror attribute inside ${where}`);
}

/** The raw textContent of every result title under `container`. */
async function titles(page, container) {
  return page.locator(`${container} li.search-result .search-result-title`).allTextContents();
}

await runChecks('search-xss', [
  [
    'markup in a question title stays text (onerror)',
    async (page) => {
      await page.goto(url('index.html'));
      await typeQuery(page, 'onerror');
      const results = await settledResults(page, DROPDOWN, { what: 'results for "onerror"' });
      const all = await titles(page, DROPDOWN);
      ensure(all.some((t) => t.includes(IMG)), `no result title contains ${IMG} as text:${summarize(results)}`);
      ensure(
        all.some((t) => t.includes('</script>') && t.includes('"quotes"')),
        `the question title lost "</script>" or "quotes":${summarize(results)}`,
      );
      // Snippets may fill in late: give them time, then look again.
      await page.waitForTimeout(300);
      await assertInert(page, DROPDOWN);
    },
  ],
  [
    'backslashes survive (backslash)',
    async (page) => {
      await page.goto(url('index.html'));
      await typeQuery(page, 'backslash');
      const results = await settledResults(page, DROPDOWN, { what: 'results for "backslash"' });
      const all = await titles(page, DROPDOWN);
      ensure(all.some((t) => t.includes('\\backslash\\')), `no result title contains \\backslash\\ as text:${summarize(results)}`);
      await page.waitForTimeout(300);
      const snippets = await page.locator(`${DROPDOWN} li.search-result .search-result-snippet`).allTextContents();
      ensure(
        !snippets.some((s) => s.includes('\\\\backslash')),
        `a snippet shows doubled backslashes: ${JSON.stringify(snippets)}`,
      );
      await assertInert(page, DROPDOWN);
    },
  ],
  [
    'a script tag in a page heading stays text (alert)',
    async (page) => {
      await page.goto(url('index.html'));
      await typeQuery(page, 'alert');
      const results = await settledResults(page, DROPDOWN, { what: 'results for "alert"' });
      const all = await titles(page, DROPDOWN);
      ensure(all.some((t) => t.includes(SCRIPT)), `no result title contains ${SCRIPT} as text:${summarize(results)}`);
      await page.waitForTimeout(300);
      await assertInert(page, DROPDOWN);
    },
  ],
  [
    'the query on search.html stays text',
    async (page) => {
      await page.goto(url(`search.html?q=${encodeURIComponent(IMG)}`));
      await page.waitForLoadState('load');
      const value = await page.locator('#search-input').inputValue();
      ensure(value === IMG, `#search-input holds ${JSON.stringify(value)}, expected ${JSON.stringify(IMG)}`);
      await settledResults(page, PAGE_LIST, { what: `results for ${IMG} on search.html` });
      const status = await statusText(page);
      ensure(status && status.includes(IMG), `#search-status does not show the query as text: ${JSON.stringify(status)}`);
      await page.waitForTimeout(300);
      await assertInert(page, 'main');
      await assertInert(page, '#search-status');
      await assertInert(page, PAGE_LIST);
    },
  ],
]);
