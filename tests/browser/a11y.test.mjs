// Accessibility and layout of every page type, from disk in headless Chromium: axe-core
// (WCAG 2.0, 2.1 and 2.2 A and AA rules; stylesheets are not fetched, which file:// forbids)
// finds no violation on the home, principle, question, practice and coverage pages, search.html
// with results, and the header's search dropdown open with a result selected, in the light and
// the dark scheme, the practice page with a drill, a quiz round and a mock day open; and the
// coverage matrix is readable with every column reachable at 1280 and 360 px.
// Usage: node tests/browser/a11y.test.mjs <built book folder with many stories>

import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { bookArg, ensure, fileUrl, runChecks } from './lib.mjs';

const book = bookArg();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const first = (dir, ext = '.html') => `${dir}/${readdirSync(resolve(book, dir)).filter((f) => f.endsWith(ext)).sort()[0]}`;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe on the page as it is and fails with every violation, node by node. */
async function axe(page, what) {
  await page.evaluate(axeSource);
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], preload: false }), TAGS);
  const lines = result.violations.flatMap((v) =>
    v.nodes.slice(0, 4).map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 220)}`),
  );
  ensure(lines.length === 0, `${what}: ${result.violations.length} axe violations:\n${lines.join('\n')}`);
}

async function openPractice(page) {
  await page.goto(fileUrl(book, 'practice.html'));
  await page.waitForLoadState('networkidle');
  await page.click('#drill-next');
  await page.click('#drill-reveal');
  await page.click('#drill-followup-next');
  await page.click('#quiz-next');
  await page.click('#quiz-choices button');
  await page.click('#mock-generate');
  await page.locator('#mock-loop .mock-toggle').first().click();
  await page.click('#mock-end');
}

/** search.html with results for a common word, once their snippets have arrived. */
async function openSearchResults(page) {
  await page.goto(fileUrl(book, 'search.html?q=leadership'));
  await page.waitForSelector('#search-page-results li.search-result .search-result-snippet mark');
  await page.waitForLoadState('networkidle');
}

/** The home page with the header's dropdown open and its second result selected by arrow key. */
async function openDropdown(page) {
  await page.goto(fileUrl(book, 'index.html'));
  await page.focus('#search-input');
  await page.keyboard.type('customer');
  await page.waitForSelector('#search-results [role="option"] .search-result-snippet mark');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.waitForLoadState('networkidle');
}

const pages = [
  ['home', (page) => page.goto(fileUrl(book, 'index.html'))],
  ['search results', openSearchResults],
  ['search dropdown', openDropdown],
  ['principle', (page) => page.goto(fileUrl(book, first('principles')))],
  ['question', (page) => page.goto(fileUrl(book, first('questions')))],
  ['coverage', (page) => page.goto(fileUrl(book, 'coverage.html'))],
  ['practice', openPractice],
];

const checks = [];
for (const scheme of ['light', 'dark']) {
  for (const [name, go] of pages) {
    checks.push([`axe: ${name} page, ${scheme}`, async (page) => {
      await page.emulateMedia({ colorScheme: scheme });
      await go(page);
      await page.waitForLoadState('networkidle');
      await axe(page, `${name} (${scheme})`);
    }]);
  }
}

/** The coverage matrix: where its principle and count columns are, against its scroll box. */
async function matrix(page) {
  return page.evaluate(() => {
    const box = document.querySelector('.coverage-scroll');
    const rect = (e) => e.getBoundingClientRect();
    const row = document.querySelector('.coverage-matrix tbody tr');
    return {
      box: rect(box).toJSON(),
      scrollable: box.scrollWidth > box.clientWidth,
      head: rect(row.querySelector('th')).toJSON(),
      count: rect(row.querySelector('.count')).toJSON(),
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      focusable: box.tabIndex === 0,
    };
  });
}

const inside = (r, box) => r.left >= box.left - 1 && r.right <= box.right + 1;

checks.push(['coverage matrix: readable at 1280 and 360 px, every column reachable', async (page) => {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(fileUrl(book, 'coverage.html'));
    let m = await matrix(page);
    ensure(m.page <= 1, `at ${width} px the coverage page is ${m.page} px wider than the screen`);
    ensure(m.focusable, 'the scrolling matrix cannot be reached with the keyboard');
    ensure(m.scrollable || width === 1280, `at ${width} px the matrix does not scroll: the test handbook has too few stories`);
    ensure(inside(m.head, m.box), `at ${width} px the principle column is out of view`);
    if (width === 1280) ensure(inside(m.count, m.box), `at 1280 px the count column is out of view: ${JSON.stringify(m)}`);
    // Scrolled to the end, the count shows and the principle column stays.
    await page.focus('.coverage-scroll');
    await page.keyboard.press('End');
    await page.evaluate(() => { const b = document.querySelector('.coverage-scroll'); b.scrollLeft = b.scrollWidth; });
    m = await matrix(page);
    ensure(inside(m.count, m.box), `at ${width} px the count column cannot be scrolled into view`);
    ensure(inside(m.head, m.box), `at ${width} px the principle column scrolls away`);
  }
}]);

await runChecks('accessibility and layout', checks);
