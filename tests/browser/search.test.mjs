// Full-text search in the repository's own handbook, opened from disk in headless Chromium.
// Usage: node tests/browser/search.test.mjs <built book folder>

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  ALL_KINDS,
  BROWSER,
  DROPDOWN,
  PAGE_LIST,
  WAIT_MS,
  bookArg,
  ensure,
  fileUrl,
  isShown,
  pathOf,
  readResults,
  runChecks,
  settledResults,
  statusCount,
  statusText,
  summarize,
  typeQuery,
} from './lib.mjs';

const book = bookArg();
const url = (rel) => fileUrl(book, rel);

const QUESTION_PATH = 'questions/decision-without-complete-information.html';
const QUESTION_TEXT = 'Tell me about a time when you had to make a decision without complete information';

/** Moves focus out of any text field, to the page itself. */
async function blur(page) {
  await page.evaluate(() => {
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  });
}

async function activeId(page) {
  return page.evaluate(() => (document.activeElement ? document.activeElement.id : null));
}

/** Polls `fn` until it returns true, for at most WAIT_MS; fails with `what` otherwise. */
async function until(page, what, fn) {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    if (await fn()) return;
    await page.waitForTimeout(50);
  }
  ensure(false, `timed out after ${WAIT_MS} ms waiting for ${what}`);
}

async function selectedIndex(page) {
  const results = await readResults(page, DROPDOWN);
  return results ? results.findIndex((r) => r.selected) : -1;
}

/** Opens search.html?q=… and returns its settled results and status text. */
async function openSearchPage(page, q) {
  await page.goto(url(`search.html?q=${encodeURIComponent(q)}`));
  const results = await settledResults(page, PAGE_LIST, { what: `results for ${JSON.stringify(q)} on search.html` });
  return { results, status: await statusText(page) };
}

await runChecks('search', [
  [
    'search form on every page',
    async (page) => {
      for (const [rel, root] of [
        ['index.html', ''],
        ['principles/ownership.html', '../'],
        [QUESTION_PATH, '../'],
        ['search.html', ''],
      ]) {
        await page.goto(url(rel));
        const dataRoot = await page.locator('html').getAttribute('data-root');
        ensure(dataRoot === root, `${rel}: <html data-root> is ${JSON.stringify(dataRoot)}, expected ${JSON.stringify(root)}`);
        const form = page.locator('form.search-form[role="search"]');
        ensure((await form.count()) === 1, `${rel}: expected one form.search-form[role=search], found ${await form.count()}`);
        const action = await form.evaluate((f) => f.action);
        ensure(action === url('search.html'), `${rel}: the search form's action resolves to ${action}, expected ${url('search.html')}`);
        const input = form.locator('input#search-input[type="search"][name="q"]');
        ensure((await input.count()) === 1, `${rel}: no input#search-input[type=search][name=q] inside the search form`);
      }
    },
  ],
  [
    'exact question found first',
    async (page) => {
      await page.goto(url(QUESTION_PATH));
      let text = ((await page.locator('h1').first().textContent()) || '').replace(/\s+/g, ' ').trim();
      if (!/without complete information/i.test(text)) text = QUESTION_TEXT;
      await page.goto(url('index.html'));
      await typeQuery(page, text);
      const results = await settledResults(page, DROPDOWN, { what: 'the dropdown' });
      const first = results[0];
      ensure(
        pathOf(first.url).endsWith(`/${QUESTION_PATH}`),
        `the first result for ${JSON.stringify(text)} is not ${QUESTION_PATH}:${summarize(results)}`,
      );
      ensure(first.kind === 'question', `the first result's kind is ${JSON.stringify(first.kind)}, expected "question"`);
    },
  ],
  [
    'prefix match: frugal finds the Frugality principle',
    async (page) => {
      await page.goto(url('index.html'));
      await typeQuery(page, 'frugal');
      const results = await settledResults(page, DROPDOWN, { what: 'the dropdown' });
      const hit = results.find((r) => r.kind === 'principle' && /Frugality/.test(r.title || ''));
      ensure(hit, `no Principle result titled "Frugality" for "frugal":${summarize(results)}`);
      ensure(
        hit.marks.some((m) => /^frugal/i.test(m.trim())),
        `the Frugality title has no <mark> around the matched word (marks: ${JSON.stringify(hit.marks)})`,
      );
    },
  ],
  [
    'typo match: ownrship finds Ownership in the first 3',
    async (page) => {
      await page.goto(url('index.html'));
      await typeQuery(page, 'ownrship');
      const results = await settledResults(page, DROPDOWN, { what: 'the dropdown' });
      const top = results.slice(0, 3);
      ensure(
        top.some((r) => r.kind === 'principle' && /^Ownership\b/.test(r.title || '') && pathOf(r.url).endsWith('/principles/ownership.html')),
        `the Ownership principle is not among the first 3 results for "ownrship":${summarize(results)}`,
      );
    },
  ],
  [
    'principle filter',
    async (page) => {
      const { results: all, status: before } = await openSearchPage(page, 'customer');
      const select = page.locator('select#search-principle');
      ensure((await select.count()) === 1, 'no select#search-principle on search.html');
      const values = await select.locator('option').evaluateAll((os) => os.map((o) => o.value));
      ensure(values.includes(''), `#search-principle has no "" (all principles) option: ${JSON.stringify(values)}`);
      ensure(values.includes('dive-deep'), `#search-principle has no "dive-deep" option: ${JSON.stringify(values)}`);
      ensure(values.length === 17, `#search-principle has ${values.length} options, expected 17 ("" and 16 principles)`);
      ensure((await select.inputValue()) === '', `#search-principle starts as ${JSON.stringify(await select.inputValue())}, expected ""`);

      await select.selectOption('dive-deep');
      const allKey = JSON.stringify(all);
      const filtered = await settledResults(page, PAGE_LIST, {
        accept: (r) => JSON.stringify(r) !== allKey,
        what: 'the results to change after selecting "dive-deep"',
      });
      const after = await statusText(page);
      const countBefore = statusCount(before) ?? all.length;
      const countAfter = statusCount(after) ?? filtered.length;
      ensure(countAfter !== countBefore, `the filtered count (${after}) equals the unfiltered one (${before})`);
      ensure(countAfter < countBefore, `the filtered count (${after}) is larger than the unfiltered one (${before})`);

      const others = filtered.filter((r) => r.principle !== 'Dive Deep');
      if (others.length > 0) {
        // A result may show its primary principle while belonging to Dive Deep as well: then
        // the list must be exactly what the query API gives for the filter.
        const api = await page.evaluate(
          ([kinds]) => window.prepbookSearch.query('customer', { principle: 'dive-deep', kinds }),
          [ALL_KINDS],
        );
        ensure(Array.isArray(api), `prepbookSearch.query returned ${typeof api}, not an array`);
        const shown = filtered.map((r) => r.href);
        const expected = api.map((r) => r.url).slice(0, shown.length);
        ensure(
          JSON.stringify(shown) === JSON.stringify(expected),
          `with principle "dive-deep", ${others.length} result(s) show another principle and the list is not ` +
            `prepbookSearch.query's filtered list:${summarize(others)}\n  query API gave: ${JSON.stringify(expected)}`,
        );
        console.log(`    note: ${others.length} filtered result(s) show a principle other than "Dive Deep"; the list matches the query API`);
      }

      await select.selectOption('');
      const back = await settledResults(page, PAGE_LIST, {
        accept: (r) => JSON.stringify(r) === allKey,
        what: 'the unfiltered results to come back after selecting "" (all)',
      });
      ensure(back.length === all.length, 'the unfiltered results did not come back');
    },
  ],
  [
    'kind filter: tips only',
    async (page) => {
      const { results: all } = await openSearchPage(page, 'customer');
      for (const kind of ALL_KINDS) {
        const box = page.locator(`input[type="checkbox"][name="kind"][value="${kind}"]`);
        ensure((await box.count()) === 1, `no kind checkbox with value "${kind}" on search.html`);
        ensure(await box.isChecked(), `the "${kind}" checkbox is not checked by default`);
      }
      ensure(all.some((r) => r.kind !== 'Tip'), `"customer" found only tips before filtering:${summarize(all)}`);
      for (const kind of ALL_KINDS.filter((k) => k !== 'tip')) {
        await page.locator(`input[type="checkbox"][name="kind"][value="${kind}"]`).setChecked(false);
      }
      const tips = await settledResults(page, PAGE_LIST, {
        accept: (r) => r.every((x) => x.kind === 'tip'),
        what: 'only Tip results after unchecking every kind but tip',
      });
      ensure(tips.length > 0, 'no tips for "customer"');
    },
  ],
  [
    'deep link: search.html?q=bar%20raiser',
    async (page) => {
      await page.goto(url('search.html?q=bar%20raiser'));
      const results = await settledResults(page, PAGE_LIST, { what: 'results without typing' });
      const value = await page.locator('#search-input').inputValue();
      ensure(value === 'bar raiser', `#search-input holds ${JSON.stringify(value)}, expected "bar raiser"`);
      const status = await statusText(page);
      ensure(status && status.includes('bar raiser'), `#search-status does not show the query: ${JSON.stringify(status)}`);
      ensure(statusCount(status) !== null, `#search-status has no result count: ${JSON.stringify(status)}`);
      ensure(
        results.some((r) => /bar-raiser/.test(r.href || '')),
        `no result links to the Bar Raiser page:${summarize(results)}`,
      );
    },
  ],
  [
    'keyboard: / focuses, arrows select, Enter opens',
    async (page) => {
      await page.goto(url('principles/ownership.html'));
      await blur(page);
      await page.keyboard.press('/');
      ensure((await activeId(page)) === 'search-input', `after pressing "/", the focus is on #${await activeId(page)}, not #search-input`);
      const typed = await page.locator('#search-input').inputValue();
      ensure(typed === '', `pressing "/" to focus the field also typed into it: it holds ${JSON.stringify(typed)}`);
      await page.keyboard.type('ownership');
      const value = await page.locator('#search-input').inputValue();
      ensure(value === 'ownership', `typed "ownership" but #search-input holds ${JSON.stringify(value)}`);
      const results = await settledResults(page, DROPDOWN, { what: 'the dropdown' });
      ensure(results.every((r) => !r.selected), 'a result is selected before any arrow key');

      await page.keyboard.press('ArrowDown');
      await until(page, 'the first result to get aria-selected="true" after ArrowDown', async () => (await selectedIndex(page)) === 0);
      if (results.length > 1) {
        await page.keyboard.press('ArrowDown');
        await until(page, 'the second result to be selected after a second ArrowDown', async () => (await selectedIndex(page)) === 1);
        const now = await readResults(page, DROPDOWN);
        ensure(now.filter((r) => r.selected).length === 1, 'more than one result has aria-selected="true"');
        await page.keyboard.press('ArrowUp');
        await until(page, 'the first result to be selected again after ArrowUp', async () => (await selectedIndex(page)) === 0);
      }
      const combo = await page.evaluate(() => {
        const input = document.getElementById('search-input');
        const active = document.getElementById(input.getAttribute('aria-activedescendant') || '');
        return {
          role: input.getAttribute('role'),
          expanded: input.getAttribute('aria-expanded'),
          active: active ? { role: active.getAttribute('role'), selected: active.getAttribute('aria-selected'), href: active.href } : null,
        };
      });
      ensure(combo.role === 'combobox' && combo.expanded === 'true', `the field is not an expanded combobox: ${JSON.stringify(combo)}`);
      ensure(combo.active && combo.active.role === 'option' && combo.active.selected === 'true' && combo.active.href === results[0].url,
        `aria-activedescendant does not name the selected option: ${JSON.stringify(combo)}`);
      const target = results[0].url;
      await page.keyboard.press('Enter');
      await page.waitForURL(target, { timeout: WAIT_MS }).catch(() => {});
      ensure(page.url() === target, `Enter opened ${page.url()}, expected the first result ${target}`);
    },
  ],
  [
    'keyboard on search.html: arrows move through the result links, Enter opens',
    async (page) => {
      const { results } = await openSearchPage(page, 'ownership');
      ensure(results.length >= 2, `expected at least 2 results for "ownership":${summarize(results)}`);
      await page.focus('#search-input');
      const focused = () => page.evaluate(() => {
        const a = document.activeElement;
        const all = [...document.querySelectorAll('#search-page-results .search-result-link')];
        return a === document.getElementById('search-input') ? 'field' : all.indexOf(a);
      });
      await page.keyboard.press('ArrowDown');
      ensure((await focused()) === 0, `ArrowDown in the field focused ${await focused()}, not the first result link`);
      await page.keyboard.press('ArrowDown');
      ensure((await focused()) === 1, `a second ArrowDown focused ${await focused()}, not the second result link`);
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      ensure((await focused()) === 'field', `ArrowUp from the first result focused ${await focused()}, not the field`);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const target = results[1].url;
      await page.keyboard.press('Enter');
      await page.waitForURL(target, { timeout: WAIT_MS }).catch(() => {});
      ensure(page.url() === target, `Enter opened ${page.url()}, expected the second result ${target}`);
    },
  ],
  [
    'keyboard: s focuses the search field',
    async (page) => {
      await page.goto(url('index.html'));
      await blur(page);
      await page.keyboard.press('s');
      ensure((await activeId(page)) === 'search-input', `after pressing "s", the focus is on #${await activeId(page)}, not #search-input`);
      const typed = await page.locator('#search-input').inputValue();
      ensure(typed === '', `pressing "s" to focus the field also typed into it: it holds ${JSON.stringify(typed)}`);
    },
  ],
  [
    'results fit a 360 px phone screen',
    async (page) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(url('principles/ownership.html'));
      await typeQuery(page, 'customer');
      await settledResults(page, DROPDOWN, { what: 'the dropdown' });
      const box = await page.locator('#search-results').boundingBox();
      ensure(box !== null, '#search-results has no box');
      ensure(box.x >= 0 && box.x + box.width <= 360, `the dropdown spans x ${box.x}..${box.x + box.width}, wider than the screen`);
      ensure(box.y + Math.min(box.height, 100) <= 740, `the dropdown starts below the screen at y ${box.y}`);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      ensure(scrollWidth <= 360, `the page scrolls sideways: ${scrollWidth} px wide`);
    },
  ],
  [
    'Escape hides the dropdown',
    async (page) => {
      await page.goto(url('index.html'));
      await typeQuery(page, 'customer');
      await settledResults(page, DROPDOWN, { what: 'the dropdown' });
      await page.keyboard.press('Escape');
      await until(page, '#search-results to be hidden after Escape', async () => !(await isShown(page, DROPDOWN)));
    },
  ],
  [
    'the dropdown asks for its own ten results and shows each as soon as it and those above it are in',
    async (page) => {
      await page.goto(url('index.html'));
      // Loads the engine, then notes every query the page runs, with the options it asks for.
      await page.evaluate(() => window.prepbookSearch.query('customer', {}));
      await page.evaluate(() => {
        const engine = window.prepbookSearch.engine, query = engine.query;
        window.askedQueries = [];
        engine.query = (q, o) => { window.askedQueries.push({ q, limit: o && o.limit }); return query(q, o); };
      });
      await typeQuery(page, 'customer');
      await settledResults(page, DROPDOWN, { what: 'the dropdown' });
      const asked = await page.evaluate(() => window.askedQueries);
      ensure(asked.length > 0 && asked.every((a) => a.limit === 10), `the dropdown asked for ${JSON.stringify(asked)}, expected a limit of 10 each time`);
      // In rank order, each result is handed on filled in, before the query is over.
      const seen = await page.evaluate(async () => {
        const calls = [];
        const results = await window.prepbookSearch.engine.query('customer', {
          limit: 10,
          each: (r, i, all) => calls.push({ i, title: r.title, url: r.url, doc: r.doc, same: all[i] === r }),
        });
        return { calls, docs: results.map((r) => r.doc) };
      });
      ensure(seen.docs.length > 1, `query("customer") gave ${seen.docs.length} results`);
      ensure(
        seen.calls.length === seen.docs.length && seen.calls.every((c, i) => c.i === i && c.same && c.doc === seen.docs[i]),
        `each() was called ${JSON.stringify(seen.calls.map((c) => c.i))} for ${seen.docs.length} results`,
      );
      ensure(seen.calls.every((c) => c.title && c.url), `a result was handed on before it was filled in: ${JSON.stringify(seen.calls)}`);
    },
  ],
  [
    'query API: window.prepbookSearch.query',
    async (page) => {
      await page.goto(url('principles/ownership.html'));
      const type = await page.evaluate(() => typeof (window.prepbookSearch && window.prepbookSearch.query));
      ensure(type === 'function', `window.prepbookSearch.query is ${type}, not a function`);
      const all = await page.evaluate(
        ([kinds]) => window.prepbookSearch.query('ownership', { principle: '', kinds }),
        [ALL_KINDS],
      );
      ensure(Array.isArray(all) && all.length > 0, `query("ownership") gave ${JSON.stringify(all)}`);
      for (const r of all) {
        ensure(
          typeof r.kind === 'string' && typeof r.title === 'string' && typeof r.url === 'string' && 'principle' in r,
          `a result lacks {kind, title, url, principle}: ${JSON.stringify(r)}`,
        );
      }
      ensure(
        all.some((r) => pathOf(r.url).endsWith('principles/ownership.html')),
        `query("ownership") has no result on principles/ownership.html: ${JSON.stringify(all.slice(0, 5))}`,
      );
      const tips = await page.evaluate(() => window.prepbookSearch.query('ownership', { principle: '', kinds: ['tip'] }));
      ensure(Array.isArray(tips) && tips.length > 0, `query("ownership", tips only) gave ${JSON.stringify(tips)}`);
      const kinds = [...new Set(tips.map((r) => r.kind))];
      ensure(kinds.length === 1, `query with kinds ["tip"] returned several kinds: ${JSON.stringify(kinds)}`);
      const filtered = await page.evaluate(
        ([kinds]) => window.prepbookSearch.query('ownership', { principle: 'frugality', kinds }),
        [ALL_KINDS],
      );
      ensure(Array.isArray(filtered), `query with a principle gave ${JSON.stringify(filtered)}`);
      ensure(filtered.length < all.length, 'the principle filter of the query API changed nothing');
    },
  ],
  [
    'the principle filter finds a question under each principle it names',
    async (page) => {
      await page.goto(url('index.html'));
      // Questions (from a word most of them use) that name more than one principle.
      const all = await page.evaluate(() => window.prepbookSearch.query('time', { kinds: ['question'], limit: 500 }));
      const several = all.filter((r) => r.kind === 'question' && r.principles.length > 1);
      ensure(several.length > 0, `no question naming several principles among ${all.length} results for "time"`);
      for (const q of several.slice(0, 5)) {
        for (const p of q.principles) {
          const filtered = await page.evaluate(([p]) => window.prepbookSearch.query('time', { kinds: ['question'], principle: p, limit: 500 }), [p]);
          ensure(filtered.some((r) => r.url === q.url), `${q.url} names ${JSON.stringify(q.principles)} but the filter "${p}" leaves it out`);
        }
      }
      // And on search.html, filtered by a principle that is not the question's first.
      const q = several[0];
      await page.goto(url(`search.html?q=time&principle=${q.principles[1]}&kind=question`));
      const results = await settledResults(page, PAGE_LIST, { what: `search.html filtered by ${q.principles[1]}` });
      const more = async () => (await isShown(page, '#search-more')) && (await page.click('#search-more'), true);
      let shown = results;
      while (!shown.some((r) => r.url === url(q.url)) && (await more())) {
        shown = await settledResults(page, PAGE_LIST, { accept: (r) => r.length > shown.length, what: 'more results' });
      }
      ensure(shown.some((r) => r.url === url(q.url)), `search.html filtered by "${q.principles[1]}" does not list ${q.url}:${summarize(shown)}`);
    },
  ],
  [
    "the reader's stories are found",
    async (page) => {
      ensure(existsSync(resolve(book, 'stories')), 'the test handbook has no stories: build it with some');
      await page.goto(url('index.html'));
      await typeQuery(page, 'supplier');
      const results = await settledResults(page, DROPDOWN, { what: 'the dropdown' });
      const story = results.find((r) => r.kind === 'story' && /\/stories\/[^/]+\.html$/.test(pathOf(r.url)));
      ensure(story, `no story among the results for "supplier":${summarize(results)}`);
      ensure(/supplier/i.test(story.snippet || ''), `the story's snippet does not show the word: ${JSON.stringify(story.snippet)}`);
    },
  ],
  [
    'a question and its sample answers are one result',
    async (page) => {
      const { results } = await openSearchPage(page, 'failed at work');
      const titles = results.map((r) => r.title);
      const repeated = titles.filter((t, i) => titles.indexOf(t) !== i);
      ensure(repeated.length === 0, `titles shown more than once: ${JSON.stringify(repeated)}${summarize(results)}`);
      ensure(!results.some((r) => r.kind === 'answer'), `a sample answer is a result of its own:${summarize(results)}`);
      const nested = await page.locator('#search-page-results li.search-result .search-result-answers a[href*="#answer-"]').count();
      ensure(nested > 0, 'no question result lists its sample answers');
    },
  ],
  [
    'query and filters live in the URL and survive a reload',
    async (page) => {
      await page.goto(url('search.html?q=customer&principle=dive-deep&kind=question&kind=answer'));
      await settledResults(page, PAGE_LIST, { what: 'results for the URL state' });
      ensure((await page.locator('#search-principle').inputValue()) === 'dive-deep', 'the principle in the URL is not selected');
      const checked = await page.locator('input[name="kind"]:checked').evaluateAll((bs) => bs.map((b) => b.value));
      ensure(JSON.stringify(checked) === '["question","answer"]', `the kinds in the URL are not the checked ones: ${JSON.stringify(checked)}`);
      await page.locator('input[name="kind"][value="answer"]').setChecked(false);
      await until(page, 'the URL to drop kind=answer', async () => !page.url().includes('kind=answer'));
      await page.locator('#search-principle').selectOption('frugality');
      await until(page, 'the URL to hold principle=frugality', async () => page.url().includes('principle=frugality'));
      await page.reload();
      await settledResults(page, PAGE_LIST, { what: 'results after a reload' });
      ensure((await page.locator('#search-input').inputValue()) === 'customer', 'the query is lost on reload');
      ensure((await page.locator('#search-principle').inputValue()) === 'frugality', 'the principle is lost on reload');
      const after = await page.locator('input[name="kind"]:checked').evaluateAll((bs) => bs.map((b) => b.value));
      ensure(JSON.stringify(after) === '["question"]', `the kinds are lost on reload: ${JSON.stringify(after)}`);
    },
  ],
  [
    '"All results and filters" keeps the query',
    async (page) => {
      await page.goto(url('principles/ownership.html'));
      await typeQuery(page, 'bar raiser');
      await settledResults(page, DROPDOWN, { what: 'the dropdown' });
      await page.locator('.search-results-more a').click();
      await page.waitForURL(/search\.html\?q=bar/, { timeout: WAIT_MS });
      await settledResults(page, PAGE_LIST, { what: 'results on search.html' });
      ensure((await page.locator('#search-input').inputValue()) === 'bar raiser', 'search.html opened without the query');
    },
  ],
  [
    'past 50 results, "Show more" shows more',
    async (page) => {
      const { results, status } = await openSearchPage(page, 'team');
      const total = statusCount(status);
      ensure(results.length === 50 && total > 50, `expected 50 shown of more than 50, got ${results.length} of ${total} (${status})`);
      await page.locator('#search-more').click();
      const more = await settledResults(page, PAGE_LIST, { accept: (r) => r.length > 50, what: 'more than 50 results' });
      ensure(more.length === Math.min(100, total), `after "Show more", ${more.length} results of ${total}`);
    },
  ],
  [
    'search.html?q=leadership: nothing moves when the results arrive (layout shift < 0.1)',
    async (page) => {
      // Firefox reports no layout-shift entries: this is measured in Chromium only.
      if (BROWSER === 'firefox') return;
      // A phone's slower processor (as Lighthouse emulates it): the results come after the
      // first paint, as they do for a reader on a phone.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.addInitScript(() => {
        window.layoutShift = { total: 0, sources: [] };
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (e.hadRecentInput) continue;
            window.layoutShift.total += e.value;
            for (const s of e.sources) {
              if (s.node) window.layoutShift.sources.push(`${s.node.nodeName.toLowerCase()}${s.node.id ? `#${s.node.id}` : ''}.${s.node.className || ''}`);
            }
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      for (const [width, height] of [[360, 800], [412, 823], [1280, 800]]) {
        await page.setViewportSize({ width, height });
        await page.goto(url('search.html?q=leadership'));
        await page.waitForSelector('#search-page-results li.search-result .search-result-snippet mark');
        await page.waitForTimeout(500);
        const shift = await page.evaluate(() => window.layoutShift);
        ensure(shift.total < 0.1, `at ${width}x${height} the cumulative layout shift is ${shift.total.toFixed(3)} (moved: ${[...new Set(shift.sources)].join(', ')})`);
      }
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    },
  ],
  [
    'search.html fits a 360 px phone screen',
    async (page) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await openSearchPage(page, 'customer obsession');
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      ensure(wide <= 360, `search.html is ${wide} px wide on a 360 px screen`);
    },
  ],
  [
    'result text has 4.5:1 contrast in light and dark schemes',
    async (page) => {
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await openSearchPage(page, 'failure');
        await page.waitForSelector('#search-page-results .search-result-snippet mark');
        for (const selected of [false, true]) {
          const low = await page.evaluate(lowContrast, selected);
          ensure(low.length === 0, `${scheme}${selected ? ', selected' : ''}: below 4.5:1: ${low.join('; ')}`);
        }
      }
    },
  ],
]);

/** Texts in the results below 4.5:1 against their background (runs in the page). */
function lowContrast(selected) {
  if (selected) document.querySelectorAll('.search-result-link').forEach((a) => a.setAttribute('aria-selected', 'true'));
  const parse = (c) => {
    const m = c.match(/[\d.]+/g).map(Number);
    return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 };
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (e) => {
    for (; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a > 0) return c;
    }
    return { r: 255, g: 255, b: 255 };
  };
  const low = [];
  for (const e of document.querySelectorAll('#search-page-results *, #search-status')) {
    if (![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const a = lum(parse(getComputedStyle(e).color)), b = lum(background(e));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.push(`${e.tagName.toLowerCase()}.${e.className} ${ratio.toFixed(2)}:1 (${JSON.stringify(e.textContent.slice(0, 30))})`);
  }
  return low;
}
