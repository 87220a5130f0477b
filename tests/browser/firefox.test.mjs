// What Firefox ESR's storage per file:// page means for practice progress, from disk: the
// premise checked (a page's storage is its own, even in the same folder), and the progress
// rated on the practice page still found by the home and principle pages, which ask
// practice.html in a hidden frame (practice-due.js). The other file:// features run in Firefox
// through the Chromium tests themselves (PREPBOOK_BROWSER=firefox, see lib.mjs).
// Usage: node tests/browser/firefox.test.mjs <built book folder>

import { bookArg, ensure, fileUrl, runChecks } from './lib.mjs';
import { open, storeKey, until } from './practice-lib.mjs';

const book = bookArg();

await runChecks('firefox storage', [
  ['each file:// page keeps its own storage (the README says so)', async (page) => {
    await open(page, book);
    const key = await storeKey(page);
    await page.evaluate((k) => localStorage.setItem(k, '{"version":1,"questions":{}}'), key);
    for (const rel of ['index.html', 'questions.html', 'coverage.html']) {
      await page.goto(fileUrl(book, rel));
      const seen = await page.evaluate((k) => localStorage.getItem(k), key);
      ensure(seen === null, `${rel} reads the practice page's storage (${seen}): this Firefox shares file:// storage, so the README and practice-due.js must say so`);
    }
    await open(page, book, { rel: 'practice.html?principle=ownership#drill' });
    ensure((await page.evaluate((k) => localStorage.getItem(k), key)) !== null, 'a deep link to practice.html does not find the progress of practice.html');
  }],
  ['progress rated on the practice page shows on the home and principle pages', async (page) => {
    const data = await open(page, book);
    await page.evaluate(() => localStorage.clear());
    const p = data.principles[0];
    await page.selectOption('#drill-principle', p.id);
    await page.click('#drill-next');
    await page.click('#drill-reveal');
    await page.check('input[name="drill-rating"][value="5"]');
    const total = data.questions.filter((q) => q.principles.includes(0)).length;
    for (const [rel, sel, want] of [
      [p.url, `[data-practice-due="${p.id}"]`, `0 due for review · ${total - 1} not practised yet`],
      ['index.html', '[data-practice-due=""]', `0 due for review · ${data.questions.length - 1} not practised yet`],
    ]) {
      await page.goto(fileUrl(book, rel));
      const line = await until(page, `the due count on ${rel}`, () => page.evaluate((s) => {
        const e = document.querySelector(s);
        return e && !e.hidden ? e.textContent.trim() : null;
      }, sel));
      ensure(line === want, `${rel} reads ${JSON.stringify(line)}, expected ${JSON.stringify(want)}`);
      const frames = await page.evaluate(() => document.querySelectorAll('iframe').length);
      ensure(frames === 0, `${rel} keeps ${frames} frame(s) after reading the progress`);
    }
  }],
], { browser: 'firefox' });
