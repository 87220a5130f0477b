// Accessibility and layout of every page type, from disk in headless Chromium: axe-core
// (WCAG 2.0, 2.1 and 2.2 A and AA rules, target size included; stylesheets are not fetched,
// which file:// forbids) finds no violation on any page type, in the light and the dark
// scheme, practice in each mode (drill revealed with its follow-up round, quiz answered, mock
// interview running, day summed up); no page shifts its layout as it loads (the layout-shift
// entries add up to less than 0.1) at 360 and 1280 px; and the coverage matrix is readable with
// every column reachable at 1280 and 360 px. search.html with results and the header's search
// dropdown open with a result selected are checked by axe too; their layout shift is in
// search.test.mjs.
// Usage: node tests/browser/a11y.test.mjs <built book folder with stories> [axe|layout] [light|dark]
// (axe: the axe checks only; layout: layout shift and the coverage matrix; neither: both; a
// scheme: the axe checks in that scheme only, so each run stays within the script's time).

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { bookArg, ensure, fileUrl, runChecks } from './lib.mjs';

const book = bookArg();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const first = (dir, ext = '.html') => `${dir}/${readdirSync(resolve(book, dir)).filter((f) => f.endsWith(ext)).sort()[0]}`;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** Total layout shift a page may show while it loads (Lighthouse's "good" is 0.1). */
const MAX_SHIFT = 0.1;

/** Runs axe on the page as it is and fails with every violation, node by node. */
async function axe(page, what) {
  await page.evaluate(axeSource);
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], preload: false }), TAGS);
  const lines = result.violations.flatMap((v) =>
    v.nodes.slice(0, 4).map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 220)}`),
  );
  ensure(lines.length === 0, `${what}: ${result.violations.length} axe violations:\n${lines.join('\n')}`);
}

async function openPractice(page, hash = '') {
  await page.goto(fileUrl(book, `practice.html${hash}`));
  await page.waitForLoadState('networkidle');
}

/** A content page of the build (not generated), found by its place in the navigation. */
function contentPage() {
  const generated = new Set(['index.html', '404.html', 'search.html', 'practice.html', 'coverage.html', 'questions.html', 'tips.html', 'stories.html', 'cheatsheets.html', 'overview.html', 'flashcards.html', 'print.html', 'tags.html']);
  const html = readFileSync(resolve(book, 'index.html'), 'utf8');
  const hrefs = [...html.matchAll(/href="([a-z0-9-]+\.html)"/g)].map((m) => m[1]);
  const found = hrefs.find((h) => !generated.has(h));
  ensure(found, 'the home page links to no content page');
  return found;
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

/** Every page type, each a name and the page to open (a path, or a function that opens it). */
const pages = [
  ['home', 'index.html'],
  ['principle', first('principles')],
  ['question (with its sample answers)', first('questions')],
  ['page', contentPage()],
  ['questions index', 'questions.html'],
  ['tips', 'tips.html'],
  ['stories', 'stories.html'],
  ['story', first('stories')],
  ['coverage', 'coverage.html'],
  // Tags, when the handbook has any: the overview, a tag's page and the filtered index.
  ...(existsSync(resolve(book, 'tags'))
    ? [
        ['tags overview', 'tags.html'],
        ['tag', first('tags')],
        ['questions index filtered by tag', async (page) => {
          await page.goto(fileUrl(book, `questions.html?tag=${first('tags').replace(/^tags\/|\.html$/g, '')}`));
          await page.waitForSelector('#tag-filter');
        }],
      ]
    : []),
  ['cheat sheets', 'cheatsheets.html'],
  ['cheat sheet', first('cheatsheets')],
  ['overview', 'overview.html'],
  ['flashcards', 'flashcards.html'],
  ['print', 'print.html'],
  ['404', '404.html'],
  ['search results', openSearchResults],
  ['search dropdown open', openDropdown],
  ['practice', 'practice.html'],
  ['practice: drill revealed, follow-up round', async (page) => {
    await openPractice(page, '#drill');
    await page.click('#drill-next');
    await page.click('#drill-reveal');
    await page.check('input[name="drill-rating"][value="3"]');
    await page.click('#drill-followup-next');
  }],
  ['practice: quiz answered', async (page) => {
    await openPractice(page, '#quiz');
    await page.click('#quiz-next');
    await page.click('#quiz-choices button');
  }],
  ['practice: mock interview running', async (page) => {
    await openPractice(page, '#mock');
    await page.click('#mock-generate');
    await page.locator('#mock-loop .mock-toggle').first().click();
  }],
  ['practice: mock day summed up', async (page) => {
    await openPractice(page, '#mock');
    await page.click('#mock-generate');
    await page.locator('#mock-loop .mock-toggle').first().click();
    const n = await page.locator('#mock-loop .mock-finish').count();
    for (let i = 0; i < n; i++) await page.locator('#mock-loop .mock-finish').nth(i).click();
  }],
];
for (const [name, rel] of pages) {
  if (typeof rel === 'string') ensure(existsSync(resolve(book, rel)), `the ${name} page ${rel} is not in the build`);
}

async function go(page, target) {
  if (typeof target === 'string') await page.goto(fileUrl(book, target));
  else await target(page);
  await page.waitForLoadState('networkidle');
}

const only = process.argv[3] || '';
const schemes = process.argv[4] ? [process.argv[4]] : ['light', 'dark'];
const checks = [];
for (const scheme of only === 'layout' ? [] : schemes) {
  for (const [name, target] of pages) {
    checks.push([`axe: ${name}, ${scheme}`, async (page) => {
      await page.emulateMedia({ colorScheme: scheme });
      await go(page, target);
      await axe(page, `${name} (${scheme})`);
    }]);
  }
}

/** Adds up the layout shifts not caused by input, from the first paint on. */
function watchShifts() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      const nodes = (e.sources || []).map((s) => s.node && (s.node.id ? `#${s.node.id}` : s.node.nodeName ? `${s.node.nodeName.toLowerCase()}${s.node.className && typeof s.node.className === 'string' ? `.${s.node.className.trim().split(/\s+/).join('.')}` : ''}` : '?'));
      window.__shifts.push({ value: e.value, nodes });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

for (const width of only === 'axe' ? [] : [360, 1280]) {
  checks.push([`layout shift under ${MAX_SHIFT} on every page type at ${width} px`, async (page) => {
    await page.setViewportSize({ width, height: width < 800 ? 740 : 800 });
    await page.addInitScript(watchShifts);
    const over = [];
    const figures = [];
    for (const [name, target] of pages) {
      if (typeof target !== 'string') continue;
      await go(page, target);
      // Scripts fill in counts and lists after the load: let them.
      await page.waitForTimeout(600);
      const shifts = await page.evaluate(() => window.__shifts);
      const total = shifts.reduce((a, e) => a + e.value, 0);
      figures.push(`${name} ${total.toFixed(3)}`);
      if (total >= MAX_SHIFT) over.push(`${name} (${target}): ${total.toFixed(3)}, from ${JSON.stringify(shifts.map((e) => [e.value.toFixed(3), e.nodes]))}`);
    }
    console.log(`    (at ${width} px: ${figures.join(', ')})`);
    ensure(over.length === 0, `pages whose layout shifts as they load, at ${width} px:\n${over.join('\n')}`);
  }]);
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

if (only !== 'axe') checks.push(['coverage matrix: readable at 1280 and 360 px, every column reachable', async (page) => {
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
