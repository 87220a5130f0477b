// Practice progress in the repository's own handbook, opened from disk in headless Chromium:
// kept per handbook in localStorage, surviving a reload; export named after the handbook and
// the date; import that merges question by question and says what changed; reset; spaced
// review (Leitner boxes) with due counts on the practice, home and principle pages.
// Usage: node tests/browser/practice-progress.test.mjs <built book folder>

import { readFileSync } from 'node:fs';
import { BROWSER, bookArg, ensure, fileUrl, isShown, runChecks } from './lib.mjs';
import { canonical, open as openPage, nextDrill, principleIds, progressRows, storeKey, stored, text, until } from './practice-lib.mjs';

const book = bookArg();
const open = (page, opts) => openPage(page, book, opts);
const DAY = 24 * 60 * 60 * 1000;

async function importFile(page, name, body) {
  await page.setInputFiles('#progress-import', { name, mimeType: 'application/json', buffer: Buffer.from(body) });
  await until(page, `#progress-status to report on ${name}`, async () => (await text(page, '#progress-status')).includes(name));
  return text(page, '#progress-status');
}

async function clearStore(page) {
  await page.evaluate(() => localStorage.clear());
}

await runChecks('practice progress', [
  [
    'progress: survives a reload, exports, resets, imports',
    async (page) => {
      let data = await open(page);
      await clearStore(page);
      data = await open(page, { reload: true });
      let rows = await progressRows(page);
      ensure(Object.keys(rows).length === data.principles.length, `#progress has ${Object.keys(rows).length} rows, expected ${data.principles.length}`);
      for (const [id, r] of Object.entries(rows)) {
        const i = data.principles.findIndex((p) => p.id === id);
        const total = data.questions.filter((q) => q.principles.includes(i)).length;
        ensure(r.practised === 0 && r.total === total, `${id}: #progress shows ${r.text}, expected 0 / ${total}`);
      }

      const q = await nextDrill(page, data);
      await page.check('input[name="drill-rating"][value="4"]');
      // Revealing the same showing does not count it twice.
      await page.click('#drill-reveal');
      let saved = JSON.parse((await stored(page)) ?? 'null');
      ensure(saved && saved.version === 1, `localStorage ${await storeKey(page)} is ${JSON.stringify(saved)}`);
      const entry = saved.questions[q.id];
      ensure(entry && entry.practised === 1 && entry.rating === 4, `stored entry for ${q.id} is ${JSON.stringify(entry)}, expected practised 1, rating 4`);
      ensure(typeof entry.last === 'string' && !Number.isNaN(Date.parse(entry.last)), `stored "last" is ${JSON.stringify(entry.last)}`);

      data = await open(page, { reload: true });
      rows = await progressRows(page);
      for (const id of principleIds(data, q)) {
        ensure(rows[id].practised === 1, `after a reload, ${id} shows ${rows[id].text} practised, expected 1`);
        ensure(rows[id].rating === '4.0', `after a reload, ${id} shows average rating ${JSON.stringify(rows[id].rating)}, expected "4.0"`);
      }
      const foot = await text(page, '#progress tfoot');
      ensure(foot.includes(`1 / ${data.questions.length}`), `#progress tfoot reads ${JSON.stringify(foot)}`);
      const before = rows;

      // Export.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#progress-export')]);
      const day = new Date();
      const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
      ensure(download.suggestedFilename() === `amazon-leadership-principles-interview-handbook-progress-${date}.json`,
        `the export is named ${download.suggestedFilename()}`);
      const path = await download.path();
      const exported = readFileSync(path);
      const json = JSON.parse(exported.toString('utf8'));
      ensure(json.version === 1 && json.questions[q.id]?.practised === 1 && json.questions[q.id]?.rating === 4,
        `the exported file holds ${exported.toString('utf8').slice(0, 300)}`);
      ensure(json.book === 'Amazon Leadership Principles Interview Handbook', `the export names the handbook ${JSON.stringify(json.book)}`);
      ensure(!Number.isNaN(Date.parse(json.exported)), `the export is dated ${JSON.stringify(json.exported)}`);
      ensure(canonical(json.questions) === canonical(JSON.parse(await stored(page)).questions), 'the export differs from what is stored');

      // Reset takes two clicks and no dialog.
      await page.click('#progress-reset');
      ensure(/really/i.test(await text(page, '#progress-reset')), `after one click #progress-reset reads ${JSON.stringify(await text(page, '#progress-reset'))}`);
      ensure((await stored(page)) !== null, 'one click on #progress-reset already cleared the progress');
      await page.click('#progress-reset');
      rows = await progressRows(page);
      ensure(Object.values(rows).every((r) => r.practised === 0), 'after reset #progress still shows practised questions');
      const afterReset = await stored(page);
      ensure(afterReset === null || Object.keys(JSON.parse(afterReset).questions).length === 0, `after reset localStorage holds ${afterReset}`);

      // Import the exported file.
      const status = await importFile(page, 'prepbook-progress.json', exported);
      ensure(/^Imported/.test(status) && /1 added/.test(status), `#progress-status reads ${JSON.stringify(status)} after importing the export`);
      rows = await progressRows(page);
      ensure(JSON.stringify(rows) === JSON.stringify(before), `after import #progress differs:\n${JSON.stringify(rows)}\nexpected\n${JSON.stringify(before)}`);
      ensure(canonical(JSON.parse(await stored(page)).questions) === canonical(json.questions), 'after import localStorage differs from the exported file');

      // Bad files are refused with a message, and change nothing.
      const bad = [
        ['not-json.json', 'this is not JSON {'],
        ['array.json', '[1, 2, 3]'],
        ['version.json', '{"version": 2, "questions": {}}'],
        ['questions.json', '{"version": 1, "questions": [1, 2]}'],
        ['count.json', `{"version": 1, "questions": {"${q.id}": {"practised": -1}}}`],
        ['rating.json', `{"version": 1, "questions": {"${q.id}": {"practised": 1, "rating": 9}}}`],
      ];
      for (const [name, body] of bad) {
        await page.setInputFiles('#progress-import', { name, mimeType: 'application/json', buffer: Buffer.from(body) });
        await until(page, `an error for ${name} in #progress-status`, async () => (await text(page, '#progress-status')).includes(name));
        const msg = await text(page, '#progress-status');
        ensure(/could not import/i.test(msg), `importing ${name}: #progress-status reads ${JSON.stringify(msg)}`);
        rows = await progressRows(page);
        ensure(JSON.stringify(rows) === JSON.stringify(before), `importing the bad file ${name} changed #progress`);
      }
      await open(page, { reload: true });
      ensure(JSON.stringify(await progressRows(page)) === JSON.stringify(before), 'the imported progress did not survive a reload');
    },
  ],
  [
    'progress: kept per handbook, never under another handbook\'s key',
    async (page) => {
      let data = await open(page);
      await clearStore(page);
      const key = await storeKey(page);
      ensure(/^prepbook-practice:amazon-leadership-principles/.test(key), `the storage key is ${JSON.stringify(key)}`);
      // Another handbook opened from disk stored its progress under its own key, and an old
      // build under the shared key: only questions of this handbook are taken from the latter.
      const q = data.questions[0];
      await page.evaluate(([qid]) => {
        localStorage.setItem('prepbook-practice:another-handbook', JSON.stringify({ version: 1, questions: { [qid]: { practised: 9, rating: 1 } } }));
        localStorage.setItem('prepbook-practice', JSON.stringify({ version: 1, questions: { [qid]: { practised: 2, rating: 5 }, 'not-here': { practised: 1 } } }));
      }, [q.id]);
      data = await open(page, { reload: true });
      const rows = await progressRows(page);
      const p = data.principles[q.principles[0]].id;
      ensure(rows[p].practised === 1 && rows[p].rating === '5.0', `${p} shows ${JSON.stringify(rows[p])}: the old shared progress was not taken over`);
      await nextDrill(page, data);
      await page.check('input[name="drill-rating"][value="3"]');
      const mine = JSON.parse(await stored(page));
      ensure(!('not-here' in mine.questions), 'a question of another handbook came along from the old shared key');
      const other = await page.evaluate(() => JSON.parse(localStorage.getItem('prepbook-practice:another-handbook')));
      ensure(other.questions[q.id].practised === 9, 'the other handbook\'s progress changed');
    },
  ],
  [
    'import merges: the newer entry wins, and the status says what changed',
    async (page) => {
      const data = await open(page);
      await clearStore(page);
      await open(page, { reload: true });
      const [a, b, c] = data.questions;
      const old = new Date(Date.now() - 10 * DAY).toISOString();
      const recent = new Date(Date.now() - DAY).toISOString();
      await page.evaluate(([key, v]) => localStorage.setItem(key, JSON.stringify(v)), [await storeKey(page), {
        version: 1,
        questions: { [a.id]: { practised: 3, rating: 4, last: recent }, [b.id]: { practised: 1, rating: 2, last: old } },
      }]);
      await open(page, { reload: true });
      const incoming = {
        version: 1,
        questions: {
          [a.id]: { practised: 1, rating: 1, last: old },
          [b.id]: { practised: 2, rating: 5, last: recent },
          [c.id]: { practised: 1, rating: 3, last: recent },
          'no-such-question': { practised: 1, last: recent },
        },
      };
      const status = await importFile(page, 'other-device.json', JSON.stringify(incoming));
      ensure(/2 added/.test(status) && /1 updated/.test(status) && /1 kept/.test(status) && /1 question is not in this handbook/.test(status),
        `the import status reads ${JSON.stringify(status)}`);
      const s = JSON.parse(await stored(page)).questions;
      ensure(s[a.id].rating === 4 && s[a.id].practised === 3, `the newer local entry of ${a.id} was overwritten: ${JSON.stringify(s[a.id])}`);
      ensure(s[b.id].rating === 5, `the newer imported entry of ${b.id} did not win: ${JSON.stringify(s[b.id])}`);
      ensure(s[c.id] && s[c.id].rating === 3, `${c.id} was not added: ${JSON.stringify(s[c.id])}`);
    },
  ],
  [
    'spaced review: ratings set Leitner boxes, due questions come first and are counted',
    async (page) => {
      let data = await open(page);
      await clearStore(page);
      data = await open(page, { reload: true });
      const p = data.principles.find((x, i) => data.questions.filter((q) => q.principles.includes(i)).length >= 3);
      await page.selectOption('#drill-principle', p.id);
      const q = await nextDrill(page, data);
      await page.check('input[name="drill-rating"][value="5"]');
      let e = JSON.parse(await stored(page)).questions[q.id];
      ensure(e.box === 1 && Math.abs(Date.parse(e.due) - Date.now() - DAY) < 60_000, `after a first 5 the entry is ${JSON.stringify(e)}, expected box 1 due in a day`);
      ensure(/next review/i.test(await text(page, '#drill-history')), `#drill-history reads ${JSON.stringify(await text(page, '#drill-history'))}`);
      // Rated 5, the question is not due: "Practise what is due" never shows it for this principle.
      const total = data.questions.filter((x) => principleIds(data, x).includes(p.id)).length;
      ensure((await text(page, '#drill-due')).includes(`(${total - 1})`), `#drill-due reads ${JSON.stringify(await text(page, '#drill-due'))}, expected ${total - 1} due`);
      for (let i = 0; i < total - 1; i++) {
        await page.click('#drill-due');
        const id = await page.getAttribute('#drill-question', 'data-question');
        ensure(id !== q.id, `"Practise what is due" showed ${q.id}, which is not due`);
      }
      // Low-rated questions that are due come before new ones.
      const key = await storeKey(page);
      const others = data.questions.filter((x) => principleIds(data, x).includes(p.id) && x.id !== q.id);
      const past = new Date(Date.now() - DAY).toISOString();
      await page.evaluate(([k, v]) => localStorage.setItem(k, JSON.stringify(v)), [key, {
        version: 1,
        questions: Object.fromEntries(others.map((x, i) => [x.id, { practised: 1, rating: i === 1 ? 1 : 4, box: 2, last: past, due: past }])),
      }]);
      data = await open(page, { reload: true });
      await page.selectOption('#drill-principle', p.id);
      await page.click('#drill-due');
      const first = await page.getAttribute('#drill-question', 'data-question');
      ensure(first === q.id || first === others[1].id, `the first due question is ${first}, expected the new one (${q.id}) or the one rated 1 (${others[1].id})`);
      // A good rating moves the question up a box; a poor one back to box 1.
      await page.goto(fileUrl(book, `practice.html?principle=${p.id}`));
      await page.selectOption('#drill-principle', p.id);
      let shown = null;
      for (let i = 0; i < total && shown !== others[0].id; i++) {
        await page.click('#drill-next');
        shown = await page.getAttribute('#drill-question', 'data-question');
      }
      ensure(shown === others[0].id, `never drew ${others[0].id}`);
      await page.check('input[name="drill-rating"][value="4"]');
      e = JSON.parse(await stored(page)).questions[others[0].id];
      ensure(e.box === 3, `box 2 rated 4 went to box ${e.box}, expected 3`);
      await page.check('input[name="drill-rating"][value="2"]');
      e = JSON.parse(await stored(page)).questions[others[0].id];
      ensure(e.box === 1, `changing the rating to 2 left box ${e.box}, expected 1`);
      // The progress table counts what is due.
      const rows = await progressRows(page);
      const due = await page.locator(`#progress tr[data-principle="${p.id}"] .progress-due`).textContent();
      ensure(Number(due) === others.length - 1, `the due column of ${p.id} reads ${due}, expected ${others.length - 1} (rows: ${JSON.stringify(rows[p.id])})`);
    },
  ],
  [
    'due counts and practice links on the home and principle pages',
    async (page) => {
      const data = await open(page);
      await clearStore(page);
      const p = data.principles[0];
      const mine = data.questions.filter((q) => q.principles.includes(0));
      const past = new Date(Date.now() - DAY).toISOString();
      const later = new Date(Date.now() + 5 * DAY).toISOString();
      await page.evaluate(([k, v]) => localStorage.setItem(k, JSON.stringify(v)), [await storeKey(page), {
        version: 1,
        questions: { [mine[0].id]: { practised: 1, rating: 2, box: 1, last: past, due: past }, [mine[1].id]: { practised: 1, rating: 5, box: 3, last: past, due: later } },
      }]);
      await page.goto(fileUrl(book, p.url));
      const due = page.locator(`[data-practice-due="${p.id}"]`).first();
      await until(page, 'the due count on the principle page', () => due.isVisible());
      const line = (await due.textContent()).trim();
      ensure(line.startsWith('1 due for review') && line.includes(`${mine.length - 2} not practised yet`), `the principle page reads ${JSON.stringify(line)}`);
      const link = page.locator('a[href*="practice.html?principle="]').first();
      const href = await link.getAttribute('href');
      ensure(href.includes(`principle=${p.id}`), `the principle page links to ${href}`);
      await link.click();
      await page.waitForLoadState('networkidle');
      await until(page, 'the deep link to set the principle filter', async () => (await page.inputValue('#drill-principle')) === p.id);
      ensure(/1 are due|2 are due|are due or new|is due or new/.test(await text(page, '#drill-status')), `#drill-status reads ${JSON.stringify(await text(page, '#drill-status'))}`);
      await page.click('#drill-due');
      const shown = await page.getAttribute('#drill-question', 'data-question');
      ensure(mine.some((q) => q.id === shown) && shown !== mine[1].id, `the deep-linked drill showed ${shown}`);

      await page.goto(fileUrl(book, 'index.html'));
      const home = page.locator('[data-practice-due=""]');
      await until(page, 'the due count on the home page', () => home.isVisible());
      ensure((await home.textContent()).trim().startsWith('1 due for review'), `the home page reads ${JSON.stringify(await home.textContent())}`);
      ensure((await page.locator('a[href$="practice.html#drill"]').count()) > 0, 'the home page has no link to practise');
      // With no progress at all, the counts stay hidden. The progress is cleared where it is
      // kept: on the practice page (Firefox keeps storage per file:// page).
      await open(page);
      await clearStore(page);
      // The home page then asks practice.html, in a hidden frame, for the progress kept there;
      // that page stops before its practice data loads (megabytes in a large handbook).
      // Every request started counts, not only those that finished: a file a browser began
      // reading ahead in the markup may still complete before the frame stops.
      const finished = [];
      const asked = [];
      const onFinished = (r) => finished.push(r.url());
      const onRequest = (r) => asked.push(r.url());
      if (BROWSER === 'chromium') {
        page.on('requestfinished', onFinished);
        page.on('request', onRequest);
      }
      await page.goto(fileUrl(book, 'index.html'));
      await until(page, 'the hidden progress frame to be done', async () => (await page.locator('iframe').count()) === 0);
      await page.waitForTimeout(200);
      ensure(!(await isShown(page, '[data-practice-due=""]')), 'the home page shows a due count without any progress');
      if (BROWSER === 'chromium') {
        page.off('requestfinished', onFinished);
        page.off('request', onRequest);
        ensure(finished.some((u) => u.endsWith('/practice.html#progress-store') || u.endsWith('/practice.html')), `the home page never asked practice.html for the progress: ${finished.join(', ')}`);
        ensure(!asked.some((u) => u.endsWith('/practice/data.js')), 'the hidden progress frame asked for practice/data.js');
      }
    },
  ],
  [
    'deep links set the filters; unknown values are ignored',
    async (page) => {
      const data = await open(page);
      const q = data.questions.find((x) => x.role && x.stage) || data.questions.find((x) => x.role);
      const p = data.principles[q.principles[0]].id;
      await page.goto(fileUrl(book, `practice.html?principle=${p}&role=${q.role}${q.stage ? `&stage=${q.stage}` : ''}`));
      await until(page, 'the filters from the link', async () => (await page.inputValue('#drill-principle')) === p);
      ensure((await page.inputValue('#drill-role')) === q.role, `#drill-role is ${await page.inputValue('#drill-role')}`);
      ensure((await page.inputValue('#mock-role')) === q.role, `#mock-role is ${await page.inputValue('#mock-role')}`);
      if (q.stage) ensure((await page.inputValue('#drill-stage')) === q.stage, `#drill-stage is ${await page.inputValue('#drill-stage')}`);
      await page.goto(fileUrl(book, 'practice.html?principle=no-such&stage=%3Cb%3E'));
      await until(page, 'the page to set up', async () => (await page.locator('#drill-principle option').count()) > 1);
      ensure((await page.inputValue('#drill-principle')) === '' && (await page.inputValue('#drill-stage')) === '', 'unknown values from the link were selected');
    },
  ],
]);
