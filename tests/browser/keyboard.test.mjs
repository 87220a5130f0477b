// The keyboard alone, from disk in headless Chromium: the skip link, search from the header
// field, and in practice mode a drill (next, reveal, rate), a quiz round and a mock interview
// (generate, start, finish, summary), reached with Tab and worked with Enter, Space and arrows.
// Every focused control shows a focus outline of 3:1 contrast or more against its background
// and is at least 24 px in both directions.
// Usage: node tests/browser/keyboard.test.mjs <built book folder>

import { bookArg, ensure, fileUrl, isShown, runChecks, settledResults, DROPDOWN } from './lib.mjs';
import { text, until } from './practice-lib.mjs';

const book = bookArg();

/** Presses Tab (Shift+Tab with `back`) until the focused element matches `sel`. */
async function tabTo(page, sel, { back = false, max = 300 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, sel)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  ensure(false, `${max} presses of Tab never reached ${sel}`);
}

/** The focused element: its id, whether it shows an outline, and its size. */
async function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    const cs = getComputedStyle(e);
    const r = e.getBoundingClientRect();
    // The outline against what is behind it (WCAG 1.4.11 asks 3:1 of a focus indicator).
    const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
      .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
    let back = e.parentElement;
    while (back && (rgb(getComputedStyle(back).backgroundColor)[3] === 0)) back = back.parentElement;
    const bg = rgb(back ? getComputedStyle(back).backgroundColor : 'rgb(255, 255, 255)');
    const [a, b] = [lum(rgb(cs.outlineColor)), lum(bg)].sort((x, y) => y - x);
    const contrast = (a + 0.05) / (b + 0.05);
    return { id: e.id, tag: e.tagName, outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0, contrast, w: r.width, h: r.height };
  });
}

async function press(page, sel, key = 'Enter') {
  await tabTo(page, sel);
  const f = await focused(page);
  ensure(f.outline, `${sel} shows no focus outline`);
  ensure(f.contrast >= 3, `the focus outline of ${sel} has a contrast of ${f.contrast.toFixed(2)}:1 against its background, under 3:1`);
  ensure(f.w >= 24 && f.h >= 24, `${sel} is ${Math.round(f.w)}×${Math.round(f.h)} px, smaller than 24 px`);
  await page.keyboard.press(key);
}

await runChecks('keyboard only', [
  [
    'skip link and search with the keyboard',
    async (page) => {
      await page.goto(fileUrl(book, 'index.html'));
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => document.activeElement?.className ?? '');
      ensure(/skip-link/.test(skip), `the first Tab reaches ${JSON.stringify(skip)}, not the skip link`);
      ensure(await page.evaluate(() => document.activeElement.getBoundingClientRect().height > 0), 'the skip link stays invisible when focused');
      await page.keyboard.press('Enter');
      ensure(/#main$/.test(page.url()), `the skip link leads to ${page.url()}`);
      await tabTo(page, '#search-input', { back: true });
      await page.keyboard.type('customer');
      const results = await settledResults(page, DROPDOWN);
      ensure(results.length > 0, 'no results for "customer"');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => !u.href.endsWith('index.html#main'));
      ensure(!/index\.html/.test(page.url()), `Enter on the first result stayed on ${page.url()}`);
    },
  ],
  [
    'practice with the keyboard alone: a drill, a quiz round, a mock interview',
    async (page) => {
      await page.goto(fileUrl(book, 'practice.html'));
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => localStorage.clear());
      // Drill: choose a principle with the arrow keys, draw, reveal, rate.
      await tabTo(page, '#drill-principle');
      await page.keyboard.press('ArrowDown');
      const principle = await page.inputValue('#drill-principle');
      ensure(principle !== '', 'ArrowDown on #drill-principle chose nothing');
      await press(page, '#drill-due');
      ensure(await isShown(page, '#drill-question'), 'Enter on "Practise what is due" showed no question');
      const id = await page.getAttribute('#drill-question', 'data-question');
      await press(page, '#drill-reveal', ' ');
      ensure(await isShown(page, '#drill-answers'), 'Space on #drill-reveal did not reveal the answers');
      await tabTo(page, 'input[name="drill-rating"]');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      const stored = await page.evaluate(() => JSON.parse(localStorage.getItem(window.prepbookPractice.storageKey)));
      ensure(stored?.questions?.[id]?.rating >= 2, `rating with the arrows stored ${JSON.stringify(stored?.questions?.[id])}`);
      // Quiz: a round.
      await press(page, '#quiz-next');
      await tabTo(page, '#quiz-choices button');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      ensure(/^(Right|Not quite)/.test(await text(page, '#quiz-result')), `the quiz round ended with ${JSON.stringify(await text(page, '#quiz-result'))}`);
      // Mock: generate, start the first interview, finish every one, read the summary.
      await press(page, '#mock-generate');
      const n = await page.locator('#mock-loop > li').count();
      ensure(n > 1, `the mock day has ${n} interviews`);
      await press(page, '#mock-loop .mock-toggle');
      await page.waitForTimeout(1200);
      for (let i = 0; i < n; i++) {
        await press(page, '#mock-loop .mock-finish:not([disabled])');
      }
      ensure(await isShown(page, '#mock-summary'), 'no summary after finishing every interview with the keyboard');
      const f = await focused(page);
      ensure(f.id === 'mock-summary-title', `focus is on ${f.tag}#${f.id} after the day, not the summary`);
      await until(page, 'the summary text', async () => /interviews done/.test(await text(page, '#mock-summary')));
    },
  ],
]);
