// Tag filters from disk in headless Chromium, on the tagged handbook of tests/it/tags.rs:
// the question index, search (a filter a query's results must respect), the practice drill
// and the flashcards (still eight slots a sheet).
// Usage: node tests/browser/tags.test.mjs <built book folder>

import {
  PAGE_LIST,
  WAIT_MS,
  bookArg,
  ensure,
  fileUrl,
  runChecks,
  settledResults,
  summarize,
} from './lib.mjs';

const book = bookArg();
const url = (rel) => fileUrl(book, rel);

/** The texts of the question links the index shows (not hidden, nor in a hidden section). */
async function shownQuestions(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.question-list li')]
      .filter((li) => li.offsetParent !== null)
      .map((li) => li.querySelector('a').textContent.trim()),
  );
}

async function until(page, what, fn) {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    if (await fn()) return;
    await page.waitForTimeout(50);
  }
  ensure(false, `timed out after ${WAIT_MS} ms waiting for ${what}`);
}

const GOOGLE = ['Tell me about a launch under pressure.', 'Tell me about your hardest customer.'];

await runChecks('tags', [
  [
    'the question index filters by tag and keeps it in the address',
    async (page) => {
      await page.goto(url('questions.html'));
      const select = page.locator('#tag-filter');
      await until(page, 'the tag filter to show', () => select.isVisible());
      const all = await shownQuestions(page);
      ensure(all.length >= 5, `expected every question listed at first, got ${JSON.stringify(all)}`);
      await select.selectOption('google');
      const google = await shownQuestions(page);
      ensure(
        JSON.stringify([...google].sort()) === JSON.stringify(GOOGLE),
        `tag google shows ${JSON.stringify(google)}, expected ${JSON.stringify(GOOGLE)}`,
      );
      ensure(page.url().endsWith('questions.html?tag=google'), `the address is ${page.url()}`);
      const status = (await page.locator('.tag-filter-status').textContent()).trim();
      ensure(status === '2 questions with this tag', `status reads ${JSON.stringify(status)}`);
      // A question listed under two principles shows under both, and counts once.
      await page.goto(url('questions.html?tag=senior'));
      await until(page, 'the senior filter to apply', async () => (await shownQuestions(page)).length === 2);
      const senior = await shownQuestions(page);
      ensure(senior.every((t) => t === 'How did you grow a team?'), `tag senior shows ${JSON.stringify(senior)}`);
      const status2 = (await page.locator('.tag-filter-status').textContent()).trim();
      ensure(status2 === '1 question with this tag', `status reads ${JSON.stringify(status2)}`);
      await page.locator('#tag-filter').selectOption('');
      ensure((await shownQuestions(page)).length === all.length, 'clearing the filter shows every question again');
    },
  ],
  [
    'search results respect the tag filter',
    async (page) => {
      await page.goto(url('search.html?q=customer'));
      const before = await settledResults(page, PAGE_LIST, { what: 'results for "customer"' });
      const hrefs = before.map((r) => r.href);
      ensure(
        hrefs.includes('questions/customer-request-said-no.html'),
        `without a tag, "customer" finds the untagged question: ${summarize(before)}`,
      );
      await page.locator('#search-tag').selectOption('google');
      const after = await settledResults(page, PAGE_LIST, {
        what: 'results for "customer" tagged google',
        accept: (rs) => rs.every((r) => r.href !== 'questions/customer-request-said-no.html'),
      });
      ensure(after[0].href === 'questions/hard-customer.html', `the tagged question ranks first: ${summarize(after)}`);
      const allowed = new Set(['questions/hard-customer.html', 'questions/launch-under-pressure.html', 'stories/saved-the-clinic-launch.html']);
      ensure(after.every((r) => allowed.has(r.href)), `only tagged results: ${summarize(after)}`);
      ensure(page.url().includes('tag=google'), `the address keeps the tag: ${page.url()}`);
      // The address alone restores it.
      await page.goto(url('search.html?q=customer&tag=senior'));
      ensure((await page.locator('#search-tag').inputValue()) === 'senior', 'search.html?tag=senior selects the tag');
    },
  ],
  [
    'the practice drill draws only questions of the tag',
    async (page) => {
      await page.goto(url('practice.html?tag=senior'));
      const select = page.locator('#drill-tag');
      await until(page, 'the drill tag filter', () => select.isVisible());
      ensure((await select.inputValue()) === 'senior', 'practice.html?tag=senior selects the tag');
      for (let i = 0; i < 3; i++) {
        await page.locator('#drill-next').click();
        const q = (await page.locator('#drill-question').textContent()).trim();
        ensure(q === 'How did you grow a team?', `the drill drew ${JSON.stringify(q)} for tag senior`);
      }
      await select.selectOption('google');
      await page.locator('#drill-next').click();
      const q = (await page.locator('#drill-question').textContent()).trim();
      ensure(GOOGLE.includes(q), `the drill drew ${JSON.stringify(q)} for tag google`);
    },
  ],
  [
    'flashcards print only the cards of the tag, eight slots a sheet',
    async (page) => {
      await page.goto(url('flashcards.html?tag=google'));
      await until(page, 'the cards to be filtered', async () => (await page.locator('.card-front').count()) === 2);
      const fronts = await page.locator('.card-front .card-question').allTextContents();
      ensure(
        JSON.stringify(fronts.map((t) => t.trim()).sort()) === JSON.stringify(GOOGLE),
        `tag google prints ${JSON.stringify(fronts)}`,
      );
      const sheets = await page.evaluate(() =>
        [...document.querySelectorAll('.card-page')].map((p) => [p.className, p.querySelectorAll('.card').length]),
      );
      ensure(
        JSON.stringify(sheets) === JSON.stringify([['card-page card-fronts', 8], ['card-page card-backs', 8]]),
        `one sheet of fronts and one of backs, eight slots each: ${JSON.stringify(sheets)}`,
      );
      await page.emulateMedia({ media: 'print' });
      const fits = await page.evaluate(() =>
        [...document.querySelectorAll('.card-page')].every((p) => p.scrollHeight <= p.clientHeight + 1),
      );
      ensure(fits, 'each printed sheet holds its cards without overflow');
    },
  ],
]);
