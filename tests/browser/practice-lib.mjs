// Shared helpers of the practice-mode browser tests (practice*.test.mjs).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { WAIT_MS, ensure, fileUrl, isShown } from './lib.mjs';

export const PAGE = 'practice.html';

/** Polls `fn` until it returns a truthy value, for at most `ms`; fails with `what` otherwise. */
export async function until(page, what, fn, ms = WAIT_MS) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last;
    await page.waitForTimeout(50);
  }
  ensure(false, `timed out after ${ms} ms waiting for ${what}`);
}

/**
 * The practice data as one record: practice/data.js as the page read it, each question given its
 * details from practice/details-N.js on disk (notes, follow_ups, and answers and stories as
 * indices into the record's `answers` and `stories`), so that checks can look anything up.
 */
export function withDetails(book, data) {
  ensure(Array.isArray(data.details) && data.details[0] === 0, `practice data: "details" is ${JSON.stringify(data.details)}`);
  const answers = [];
  const stories = [];
  const storyAt = new Map();
  const sandbox = { window: {} };
  data.details.forEach((start, n) => {
    vm.runInNewContext(readFileSync(join(book, `practice/details-${n}.js`), 'utf8'), sandbox);
    const file = sandbox.window.prepbookPracticeDetails[n];
    const end = n + 1 < data.details.length ? data.details[n + 1] : data.questions.length;
    ensure(file && file.questions.length === end - start, `practice/details-${n}.js holds ${file?.questions.length} questions, expected ${end - start}`);
    file.questions.forEach((row, k) => {
      const q = data.questions[start + k];
      ensure(q.id === row.id, `practice/details-${n}.js row ${k} is ${row.id}, expected ${q.id}`);
      q.notes = row.notes;
      q.follow_ups = row.follow_ups;
      q.answers = row.answers.map((a) => answers.push(a) - 1);
      q.stories = row.stories.map((si) => {
        const s = file.stories[si];
        if (!storyAt.has(s.url)) storyAt.set(s.url, stories.push(s) - 1);
        return storyAt.get(s.url);
      });
    });
  });
  ensure(stories.length <= data.story_count, `the details link ${stories.length} stories, the data counts ${data.story_count}`);
  return { ...data, answers, stories };
}

/** Opens practice.html (or reloads it, with `reload`) and returns the practice data it loaded,
 * with the questions' details (see `withDetails`). */
export async function open(page, book, { reload = false, rel = PAGE } = {}) {
  if (reload) await page.reload();
  else await page.goto(fileUrl(book, rel));
  // Let every file the page asks for (the icon too) finish loading, so that a reload right
  // after does not abort one and count as a failed load.
  await page.waitForLoadState('networkidle');
  const data = await page.evaluate(() => window.prepbookPracticeData ?? null);
  ensure(data !== null && typeof data === 'object', `${PAGE}: window.prepbookPracticeData is not set (did practice/data.js load?)`);
  for (const key of ['principles', 'stages', 'roles', 'questions', 'details']) {
    ensure(Array.isArray(data[key]), `practice data: "${key}" is not an array`);
  }
  ensure(Number.isInteger(data.seconds) && data.seconds > 0, `practice data: "seconds" is ${JSON.stringify(data.seconds)}`);
  ensure(data.questions.length > 0, 'practice data has no questions');
  // The page must be set up (the selects filled) before a check drives it.
  await until(page, '#drill-principle to be filled from the data', () =>
    page.evaluate(() => document.querySelectorAll('#drill-principle option').length > 1),
  );
  return withDetails(book, data);
}

/** Waits until the card `sel` (#drill-card, #quiz-card) has the details of its question. */
export async function settled(page, sel = '#drill-card') {
  await until(page, `${sel} to have its question's details`, () =>
    page.evaluate((s) => document.querySelector(s).getAttribute('aria-busy') !== 'true', sel));
}

export const text = async (page, sel) => ((await page.locator(sel).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

export function fmt(seconds) {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function parseTime(t) {
  const m = /^(\d+):(\d\d)$/.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** The question shown in `sel` (which carries data-question), checked against the data. */
export async function shownQuestion(page, data, sel) {
  const id = await page.locator(sel).getAttribute('data-question');
  const q = data.questions.find((x) => x.id === id);
  ensure(q, `${sel} shows question ${JSON.stringify(id)}, which is not in the practice data`);
  const shown = await text(page, sel);
  ensure(shown === q.text.replace(/\s+/g, ' ').trim(), `${sel} reads ${JSON.stringify(shown)}, expected ${JSON.stringify(q.text)}`);
  return q;
}

export async function nextDrill(page, data) {
  await page.click('#drill-next');
  ensure(await isShown(page, '#drill-question'), '#drill-question is not shown after clicking #drill-next');
  await settled(page);
  return shownQuestion(page, data, '#drill-question');
}

/** The rows of the #progress table: principle id -> {practised, total, rating}. */
export async function progressRows(page) {
  return page.evaluate(() => {
    const out = {};
    for (const tr of document.querySelectorAll('#progress tbody tr')) {
      const cell = tr.querySelector('.progress-practised');
      out[tr.getAttribute('data-principle')] = {
        practised: cell ? Number(cell.getAttribute('data-practised')) : null,
        total: cell ? Number(cell.getAttribute('data-total')) : null,
        text: cell ? cell.textContent.replace(/\s+/g, ' ').trim() : null,
        rating: (tr.querySelector('.progress-rating')?.textContent ?? '').trim(),
      };
    }
    return out;
  });
}

/** The localStorage key of the handbook's progress, as practice.js names it. */
export async function storeKey(page) {
  return page.evaluate(() => window.prepbookPractice.storageKey);
}

export async function stored(page) {
  return page.evaluate(() => localStorage.getItem(window.prepbookPractice.storageKey));
}

/** JSON with object keys sorted, to compare records whatever order their keys were written in. */
export function canonical(value) {
  return JSON.stringify(value, (k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((key) => [key, v[key]])) : v,
  );
}

export function principleIds(data, q) {
  return q.principles.map((i) => data.principles[i].id);
}

