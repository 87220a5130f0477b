// Checks of practice.test.mjs for what makes practice train: every reveal helps, a timed
// follow-up round, filters that offer only what the handbook uses, technical questions kept
// out of quiz rounds and mock loops unless chosen, and mock loops without repeats, with a clock
// per interview and a summary at the end.

import { ensure, isShown } from './lib.mjs';
import { fmt, open as openPage, nextDrill, parseTime, shownQuestion, text, until } from './practice-lib.mjs';

export function trainingChecks(book) {
  const open = (page, opts) => openPage(page, book, opts);
  return [
    [
      'drill: every reveal helps (notes, follow-ups, answers, stories)',
      async (page) => {
        const data = await open(page);
        const bare = data.questions.filter((q) => q.answers.length === 0);
        const unhelpful = data.questions.filter((q) => q.answers.length === 0 && !q.notes.trim() && q.follow_ups.length === 0);
        ensure(unhelpful.length === 0, `questions with nothing to reveal: ${unhelpful.map((q) => q.id).join(', ')}`);
        ensure(bare.length > 0, 'every question has a sample answer: nothing to check');
        let q = null;
        for (let i = 0; i < data.questions.length && !(q && q.answers.length === 0 && q.notes && q.follow_ups.length); i++) q = await nextDrill(page, data);
        ensure(q.answers.length === 0, 'the drill never showed a question without a sample answer');
        await page.click('#drill-reveal');
        const shown = await text(page, '#drill-answers');
        ensure(shown.includes('How to approach it'), `no approach notes on reveal: ${shown.slice(0, 200)}`);
        const firstWords = q.notes.replace(/\s+/g, ' ').trim().slice(0, 40);
        ensure(shown.includes(firstWords), `the notes of ${q.id} are not shown (${JSON.stringify(firstWords)})`);
        for (const f of q.follow_ups) ensure(shown.includes(f), `the follow-up ${JSON.stringify(f)} is not shown`);
        ensure(!shown.includes('There is no sample answer for this question yet.'), 'the reveal still says only that there is no sample answer');
        ensure(shown.includes('Your stories'), 'the reveal has no "Your stories" part');
      },
    ],
    [
      'drill: a timed follow-up round after the answer',
      async (page) => {
        const data = await open(page);
        await page.fill('#drill-seconds', '100');
        await page.locator('#drill-seconds').press('Tab');
        let q = null;
        for (let i = 0; i < 20 && !(q && q.follow_ups.length > 1); i++) q = await nextDrill(page, data);
        ensure(q.follow_ups.length > 1, 'no question with two follow-ups');
        ensure(!(await isShown(page, '#drill-followup')), 'the follow-up shows before it is asked for');
        await page.click('#drill-followup-next');
        ensure(await isShown(page, '#drill-followup'), '#drill-followup is hidden after asking for it');
        const first = await text(page, '#drill-followup-text');
        ensure(q.follow_ups.includes(first), `the follow-up reads ${JSON.stringify(first)}, not one of ${JSON.stringify(q.follow_ups)}`);
        const t = parseTime(await text(page, '#drill-timer'));
        ensure(t <= 50 && t >= 48, `the follow-up clock starts at ${fmt(t)}, expected 0:50 (half the target)`);
        await page.click('#drill-followup-next');
        const second = await text(page, '#drill-followup-text');
        ensure(second !== first && q.follow_ups.includes(second), `the second follow-up repeats or is unknown: ${JSON.stringify(second)}`);
        await nextDrill(page, data);
        ensure(!(await isShown(page, '#drill-followup')), 'the follow-up stays for the next question');
      },
    ],
    [
      'filters offer only the values the handbook uses',
      async (page) => {
        const data = await open(page);
        const values = async (sel) => (await page.locator(`${sel} option`).evaluateAll((os) => os.map((o) => o.value))).filter((v) => v);
        for (const s of await values('#drill-stage')) {
          ensure(data.questions.some((q) => q.stage === s), `#drill-stage offers ${s}, which no question is at`);
        }
        for (const r of await values('#drill-role')) ensure(data.questions.some((q) => q.role === r), `#drill-role offers ${r}, which no question has`);
        for (const p of await values('#drill-principle')) {
          const i = data.principles.findIndex((x) => x.id === p);
          ensure(data.questions.some((q) => q.principles.includes(i)), `#drill-principle offers ${p}, which no question tests`);
        }
        ensure(!(await values('#drill-stage')).includes('bar-raiser'), 'the unused bar-raiser stage is offered');
      },
    ],
    [
      'technical questions stay out of quiz rounds and mock loops unless chosen',
      async (page) => {
        const data = await open(page);
        const technical = new Set(data.questions.filter((q) => q.behavioral === false).map((q) => q.id));
        ensure(technical.has('explain-acid-transactions') && technical.has('router-vs-switch'), `technical questions: ${[...technical].join(', ')}`);
        const behavioral = data.questions.filter((q) => q.behavioral !== false && q.principles.length).length;
        for (let i = 0; i < behavioral; i++) {
          await page.click('#quiz-next');
          const id = await page.getAttribute('#quiz-question', 'data-question');
          ensure(!technical.has(id), `the quiz asked the technical question ${id}`);
        }
        await page.check('#quiz-technical');
        let seen = false;
        for (let i = 0; i < data.questions.length + 1 && !seen; i++) {
          await page.click('#quiz-next');
          seen = technical.has(await page.getAttribute('#quiz-question', 'data-question'));
        }
        ensure(seen, 'with technical questions included, the quiz never asked one');
        await page.selectOption('#mock-role', 'pmt');
        for (let d = 0; d < 8; d++) {
          await page.click('#mock-generate');
          const ids = await page.locator('#mock-loop [data-question]').evaluateAll((es) => es.map((e) => e.getAttribute('data-question')));
          const tech = ids.filter((id) => technical.has(id));
          ensure(tech.length === 0, `a mock day asked technical questions: ${tech.join(', ')}`);
        }
      },
    ],
    [
      'mock loop: no question twice, a clock per interview, a summary',
      async (page) => {
        await page.clock.install();
        const data = await open(page);
        for (const role of ['', ...data.roles]) {
          await page.selectOption('#mock-role', role);
          for (let d = 0; d < 6; d++) {
            await page.click('#mock-generate');
            const ids = await page.locator('#mock-loop [data-question]').evaluateAll((es) => es.map((e) => e.getAttribute('data-question')));
            const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
            ensure(twice.length === 0, `role ${JSON.stringify(role)}: a day repeats ${twice.join(', ')}`);
          }
        }
        await page.selectOption('#mock-role', '');
        await page.click('#mock-generate');
        const interviews = page.locator('#mock-loop > li');
        const n = await interviews.count();
        ensure(n >= 2, `only ${n} interviews`);
        for (let i = 0; i < n; i++) {
          const li = interviews.nth(i);
          const questions = await li.locator('[data-question]').count();
          const clock = await li.locator('.mock-timer').textContent();
          ensure(clock === fmt(questions * data.seconds), `interview ${i + 1} has ${questions} questions and a clock of ${clock}, expected ${fmt(questions * data.seconds)}`);
        }
        const first = interviews.nth(0);
        await first.locator('.mock-toggle').click();
        await page.clock.runFor(5000);
        const left = parseTime(await first.locator('.mock-timer').textContent());
        const planned = (await first.locator('[data-question]').count()) * data.seconds;
        ensure(left <= planned - 4 && left >= planned - 6, `after 5 s the first interview's clock reads ${fmt(left)} of ${fmt(planned)}`);
        // Starting the second pauses the first.
        await interviews.nth(1).locator('.mock-toggle').click();
        await page.clock.runFor(2000);
        ensure(parseTime(await first.locator('.mock-timer').textContent()) === left, 'the first clock ran on while the second interview went on');
        ensure(!(await isShown(page, '#mock-summary')), 'the summary shows before the day is over');
        for (let i = 0; i < n; i++) await interviews.nth(i).locator('.mock-finish').click();
        ensure(await isShown(page, '#mock-summary'), 'no summary after every interview finished');
        const summary = await text(page, '#mock-summary');
        ensure(summary.includes(`of ${n} interviews done`) && summary.includes('0:05'), `the summary reads ${JSON.stringify(summary)}`);
        const focused = await page.evaluate(() => document.activeElement?.id);
        ensure(focused === 'mock-summary-title', `focus is on ${focused} after the day, expected the summary`);
      },
    ],
  ];
}
