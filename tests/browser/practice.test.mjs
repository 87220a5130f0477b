// Practice mode (practice.html) in the repository's own handbook, opened from disk in headless
// Chromium: drills with a timer and filters, the "which principle?" quiz, mock interview days,
// and progress kept in localStorage with export, import and reset.
// Usage: node tests/browser/practice.test.mjs <built book folder>

import { bookArg, ensure, fileUrl, isShown, runChecks } from './lib.mjs';
import { fmt, open as openPage, nextDrill, parseTime, principleIds, settled, shownQuestion, text, until } from './practice-lib.mjs';
import { trainingChecks } from './practice-train.mjs';

const book = bookArg();
const url = (rel) => fileUrl(book, rel);
const open = (page, opts) => openPage(page, book, opts);

await runChecks('practice', [
  [
    'drill: a question, a countdown, answers on reveal',
    async (page) => {
      const data = await open(page);
      ensure(Number(await page.inputValue('#drill-seconds')) === data.seconds,
        `#drill-seconds holds ${await page.inputValue('#drill-seconds')}, expected data.seconds ${data.seconds}`);
      ensure(!(await isShown(page, '#drill-answers')), '#drill-answers is shown before any question');
      // A principle whose questions have sample answers.
      const withAnswers = data.questions.filter((q) => q.answers.length > 0 && q.principles.length > 0);
      ensure(withAnswers.length > 0, 'no question in the practice data has a sample answer');
      const principle = data.principles[withAnswers[0].principles[0]].id;
      await page.selectOption('#drill-principle', principle);
      let q = null;
      for (let i = 0; i < 40 && !(q && q.answers.length > 0); i++) q = await nextDrill(page, data);
      ensure(q.answers.length > 0, `40 questions for ${principle} and none with a sample answer`);
      ensure(principleIds(data, q).includes(principle), `drilled ${q.id}, which does not test ${principle}`);

      const href = await page.locator('#drill-question a').first().evaluate((a) => a.href);
      ensure(href === url(q.url), `the question links to ${href}, expected ${url(q.url)}`);
      const tags = await text(page, '#drill-card');
      for (const id of principleIds(data, q)) {
        const title = data.principles.find((p) => p.id === id).title;
        ensure(tags.includes(title), `the drill card does not name principle ${JSON.stringify(title)}`);
      }
      ensure(!(await isShown(page, '#drill-answers')), '#drill-answers is shown before #drill-reveal was clicked');
      ensure((await page.locator('#drill-answers').getAttribute('hidden')) !== null, '#drill-answers has no hidden attribute');

      // The timer starts at the target and counts down.
      const t0 = await text(page, '#drill-timer');
      ensure(parseTime(t0) !== null, `#drill-timer reads ${JSON.stringify(t0)}, not m:ss`);
      ensure(parseTime(t0) <= data.seconds && parseTime(t0) >= data.seconds - 1,
        `#drill-timer starts at ${t0}, expected ${fmt(data.seconds)}`);
      const t1 = await until(page, '#drill-timer to count down', async () => {
        const t = await text(page, '#drill-timer');
        return parseTime(t) !== null && parseTime(t) < parseTime(t0) ? t : null;
      }, 2500);
      // Pause holds the time; resume counts on.
      await page.click('#drill-timer-toggle');
      const paused = await text(page, '#drill-timer');
      await page.waitForTimeout(1300);
      ensure((await text(page, '#drill-timer')) === paused, `the timer moved from ${paused} while paused`);
      await page.click('#drill-timer-toggle');
      await until(page, 'the timer to run again after resuming', async () =>
        parseTime(await text(page, '#drill-timer')) < parseTime(paused), 2500);
      ensure(parseTime(t1) < parseTime(t0), 'the timer did not count down');

      await page.click('#drill-reveal');
      ensure(await isShown(page, '#drill-answers'), '#drill-answers is still hidden after clicking #drill-reveal');
      ensure((await page.getAttribute('#drill-reveal', 'aria-expanded')) === 'true', '#drill-reveal is not aria-expanded after revealing');
      const answer = data.answers[q.answers[0]];
      const shown = await text(page, '#drill-answers');
      ensure(answer.sections.length > 0, `answer ${q.answers[0]} has no sections`);
      const label = answer.sections[0][0];
      ensure(shown.includes(label), `#drill-answers does not show the step label ${JSON.stringify(label)}: ${shown.slice(0, 200)}`);
      const labels = await page.locator('#drill-answers .step-label').allTextContents();
      ensure(labels.some((l) => l.trim() === label), `no .step-label reads ${JSON.stringify(label)} (found ${JSON.stringify(labels)})`);
      if (answer.framework) ensure(shown.includes(answer.framework), `#drill-answers does not name the framework ${answer.framework}`);
      ensure(shown.includes('Your stories'), '#drill-answers has no "Your stories" part');
      for (const si of q.stories) {
        ensure(shown.includes(data.stories[si].title), `#drill-answers does not show story ${JSON.stringify(data.stories[si].title)}`);
      }
      // A new question hides the answers again.
      await nextDrill(page, data);
      ensure(!(await isShown(page, '#drill-answers')), '#drill-answers stays shown for the next question');
    },
  ],
  [
    'drill: the filters hold',
    async (page) => {
      const data = await open(page);
      const stageIds = data.stages.map((s) => s.id);
      ensure(stageIds.includes('phone-screen'), `the data has no phone-screen stage: ${JSON.stringify(stageIds)}`);
      const options = await page.locator('#drill-stage option').evaluateAll((os) => os.map((o) => o.value));
      ensure(JSON.stringify(options) === JSON.stringify(['', ...stageIds]), `#drill-stage offers ${JSON.stringify(options)}`);
      const phone = data.questions.filter((q) => q.stage === 'phone-screen');
      ensure(phone.length > 0, 'no question is a phone-screen question');
      await page.selectOption('#drill-stage', 'phone-screen');
      const seen = new Set();
      for (let i = 0; i < 10; i++) {
        const q = await nextDrill(page, data);
        ensure(q.stage === 'phone-screen', `with stage phone-screen the drill showed ${q.id} (stage ${JSON.stringify(q.stage)})`);
        seen.add(q.id);
      }
      if (phone.length <= 10) {
        ensure(seen.size === phone.length, `10 phone-screen drills showed ${seen.size} of the ${phone.length} phone-screen questions`);
      }

      await page.selectOption('#drill-stage', '');
      const p = data.principles[data.questions[0].principles[0]].id;
      await page.selectOption('#drill-principle', p);
      for (let i = 0; i < 8; i++) {
        const q = await nextDrill(page, data);
        ensure(principleIds(data, q).includes(p), `with principle ${p} the drill showed ${q.id}, which tests ${principleIds(data, q)}`);
      }
      await page.selectOption('#drill-principle', '');

      for (const role of data.roles) {
        const n = data.questions.filter((q) => q.role === role).length;
        if (n === 0) continue;
        await page.selectOption('#drill-role', role);
        for (let i = 0; i < 5; i++) {
          const q = await nextDrill(page, data);
          ensure(q.role === role, `with role ${role} the drill showed ${q.id} (role ${JSON.stringify(q.role)})`);
        }
      }
      await page.selectOption('#drill-role', '');

      // Filters that match nothing say so and keep the question shown.
      const before = await page.getAttribute('#drill-question', 'data-question');
      const empty = data.principles.find((pr, i) => !data.questions.some((q) => q.principles.includes(i) && q.stage === 'phone-screen'));
      if (empty) {
        await page.selectOption('#drill-principle', empty.id);
        await page.selectOption('#drill-stage', 'phone-screen');
        await page.click('#drill-next');
        const status = await text(page, '#drill-status');
        ensure(/no question/i.test(status), `no matching question, but #drill-status reads ${JSON.stringify(status)}`);
        ensure((await page.getAttribute('#drill-question', 'data-question')) === before, 'the shown question changed though nothing matched');
      }
    },
  ],
  [
    'which principle: right, also right, not quite',
    async (page) => {
      const data = await open(page);
      ensure(!(await isShown(page, '#quiz-answer')), '#quiz-answer is shown before any round');
      await page.click('#quiz-next');
      let q = await shownQuestion(page, data, '#quiz-question');
      const choices = await page.locator('#quiz-choices button[data-principle]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-principle')));
      const ids = data.principles.map((p) => p.id);
      ensure(JSON.stringify(choices) === JSON.stringify(ids), `#quiz-choices offers ${JSON.stringify(choices)}, expected every principle`);
      ensure(!(await isShown(page, '#quiz-answer')), '#quiz-answer is shown before a choice');
      const primary = data.principles[q.principles[0]];
      await page.click(`#quiz-choices button[data-principle="${primary.id}"]`);
      let result = await text(page, '#quiz-result');
      ensure(result.startsWith('Right'), `chose the primary principle ${primary.id} but #quiz-result reads ${JSON.stringify(result)}`);
      ensure(result.includes(primary.title), `#quiz-result does not name ${primary.title}: ${JSON.stringify(result)}`);
      ensure(await isShown(page, '#quiz-answer'), '#quiz-answer is hidden after a choice');
      await settled(page, '#quiz-card');
      const answerText = await text(page, '#quiz-answer');
      if (q.answers.length) {
        const label = data.answers[q.answers[0]].sections[0][0];
        ensure(answerText.includes(label), `#quiz-answer does not show the sample answer (no ${JSON.stringify(label)})`);
      }
      const link = await page.locator('#quiz-answer a[href]').first().evaluate((a) => a.href);
      ensure(link === url(q.url), `#quiz-answer links to ${link}, expected ${url(q.url)}`);
      // A second click in the same round changes nothing.
      const wrongAfter = ids.find((id) => !principleIds(data, q).includes(id));
      await page.click(`#quiz-choices button[data-principle="${wrongAfter}"]`, { force: true });
      ensure((await text(page, '#quiz-result')) === result, 'a second choice in the same round changed the result');

      // A secondary principle counts as right.
      const multi = data.questions.filter((x) => x.principles.length > 1).length;
      if (multi > 0) {
        for (let i = 0; i < 200; i++) {
          await page.click('#quiz-next');
          q = await shownQuestion(page, data, '#quiz-question');
          if (q.principles.length > 1) break;
        }
        ensure(q.principles.length > 1, 'the quiz never showed a question that tests more than one principle');
        const secondary = data.principles[q.principles[1]];
        await page.click(`#quiz-choices button[data-principle="${secondary.id}"]`);
        result = await text(page, '#quiz-result');
        ensure(result.startsWith('Right'), `chose ${secondary.id}, which ${q.id} also tests, but #quiz-result reads ${JSON.stringify(result)}`);
        ensure(result.includes(data.principles[q.principles[0]].title), `#quiz-result does not name the main principle: ${JSON.stringify(result)}`);
      }

      // A principle the question does not test.
      await page.click('#quiz-next');
      q = await shownQuestion(page, data, '#quiz-question');
      ensure(!(await isShown(page, '#quiz-answer')), '#quiz-answer stays shown in a new round');
      ensure((await text(page, '#quiz-result')) === '', '#quiz-result is not cleared in a new round');
      const wrong = ids.find((id) => !principleIds(data, q).includes(id));
      await page.click(`#quiz-choices button[data-principle="${wrong}"]`);
      result = await text(page, '#quiz-result');
      ensure(result.startsWith('Not quite'), `chose ${wrong}, which ${q.id} does not test, but #quiz-result reads ${JSON.stringify(result)}`);
      for (const id of principleIds(data, q)) {
        const title = data.principles.find((p) => p.id === id).title;
        ensure(result.includes(title), `#quiz-result does not name ${JSON.stringify(title)}: ${JSON.stringify(result)}`);
      }
      ensure(await isShown(page, '#quiz-answer'), '#quiz-answer is hidden after a wrong choice');
      const score = await text(page, '#quiz-score');
      ensure(/\d+ of \d+/.test(score), `#quiz-score reads ${JSON.stringify(score)}`);
    },
  ],
  [
    'mock loop: five interviewers and a Bar Raiser, no principle twice',
    async (page) => {
      const data = await open(page);
      const usable = data.principles.filter((p, i) => data.questions.some((q) => q.principles.includes(i))).length;
      const days = [];
      for (let round = 0; round < 3; round++) {
        await page.click('#mock-generate');
        const day = await page.evaluate(() =>
          [...document.querySelectorAll('#mock-loop .mock-interviewer')].map((li) => ({
            barRaiser: li.classList.contains('mock-special'),
            title: (li.querySelector('h3, h4')?.textContent ?? '').trim(),
            questions: [...li.querySelectorAll('.mock-question')].map((m) => ({
              principle: m.getAttribute('data-principle'),
              question: m.getAttribute('data-question'),
              href: m.querySelector('a[href]')?.href ?? null,
              text: m.textContent.replace(/\s+/g, ' ').trim(),
            })),
          })),
        );
        ensure(day.length >= 5, `the day has ${day.length} .mock-interviewer, expected at least 5`);
        ensure(day.filter((d) => d.barRaiser).length === 1, `the day has ${day.filter((d) => d.barRaiser).length} Bar Raisers, expected 1`);
        ensure(day.find((d) => d.barRaiser).title.includes('Bar Raiser'), 'the Bar Raiser is not labelled "Bar Raiser"');
        const principles = [];
        for (const d of day) {
          ensure(d.title !== '', 'an interviewer has no title');
          ensure(d.questions.length >= 2 && d.questions.length <= 3, `${d.title} has ${d.questions.length} .mock-question, expected 2 or 3`);
          for (const m of d.questions) {
            const q = data.questions.find((x) => x.id === m.question);
            ensure(q, `${d.title}: .mock-question names question ${JSON.stringify(m.question)}, not in the data`);
            ensure(principleIds(data, q).includes(m.principle), `${d.title}: ${q.id} does not test ${m.principle}`);
            ensure(m.href === url(q.url), `${d.title}: the question links to ${m.href}, expected ${url(q.url)}`);
            ensure(m.text.includes(q.text.replace(/\s+/g, ' ').trim()), `${d.title}: the question text is missing`);
            principles.push(m.principle);
          }
        }
        if (usable >= principles.length) {
          const repeated = principles.filter((p, i) => principles.indexOf(p) !== i);
          ensure(repeated.length === 0, `principles repeated in one day: ${repeated.join(', ')}`);
        }
        days.push(JSON.stringify(day));
      }
      ensure(new Set(days).size > 1, 'three generated days were identical');
    },
  ],
  [
    'drill: the timer reaches 0:00 and shows the time is up',
    async (page) => {
      await page.clock.install();
      const data = await open(page);
      await page.fill('#drill-seconds', '3');
      await page.locator('#drill-seconds').press('Tab');
      await nextDrill(page, data);
      ensure((await text(page, '#drill-timer')) === '0:03', `with 3 seconds the timer starts at ${await text(page, '#drill-timer')}`);
      ensure(!(await page.locator('#drill-timer').evaluate((e) => e.classList.contains('time-up'))), 'time is up at the start');
      await page.clock.runFor(4000);
      ensure((await text(page, '#drill-timer')) === '0:00', `after 4 s the timer reads ${await text(page, '#drill-timer')}`);
      ensure(await page.locator('#drill-timer').evaluate((e) => e.classList.contains('time-up')), '#drill-timer has no time-up class at 0:00');
      ensure(/time/i.test(await text(page, '#drill-timer-note')), `#drill-timer-note reads ${JSON.stringify(await text(page, '#drill-timer-note'))}`);
      // The reader carries on.
      await page.click('#drill-reveal');
      ensure(await isShown(page, '#drill-answers'), 'the answers cannot be revealed after the time is up');
      await page.clock.runFor(2000);
      ensure((await text(page, '#drill-timer')) === '0:00', 'the timer went on past 0:00');
      await nextDrill(page, data);
      ensure((await text(page, '#drill-timer')) === '0:03', 'the next question does not restart the timer');
    },
  ],
  [
    'without its data files the page says why, in the handbook\'s words',
    async (page) => {
      // As if practice/data.js and practice/site.js had not loaded: what they assign is lost.
      await page.addInitScript(() => {
        for (const name of ['prepbookPracticeData', 'prepbookStrings']) {
          Object.defineProperty(window, name, { configurable: true, get: () => undefined, set: () => {} });
        }
      });
      await page.goto(url('practice.html'));
      await until(page, 'the status', () => page.evaluate(() => !document.getElementById('practice-status').hidden));
      const status = await text(page, '#practice-status');
      ensure(status.includes('practice/data.js') && status.includes('prepbook build'), `#practice-status reads ${JSON.stringify(status)}`);
      ensure(await page.locator('#drill-next').isDisabled(), '#drill-next is still enabled');
    },
  ],
  [
    'without a question\'s details the drill and the quiz say why, and go on',
    async (page) => {
      // As if no practice/details-N.js had loaded: what they assign is lost.
      await page.addInitScript(() => {
        window.prepbookPracticeDetails = new Proxy({}, { set: () => true });
      });
      const data = await open(page);
      const q = await nextDrill(page, data);
      await page.click('#drill-reveal');
      const shown = await text(page, '#drill-answers');
      ensure(shown.includes('practice/details-') && shown.includes('prepbook build'), `#drill-answers reads ${JSON.stringify(shown)}`);
      const href = await page.locator('#drill-answers a').first().evaluate((a) => a.href);
      ensure(href === url(q.url), `#drill-answers links to ${href}, expected the question's page ${url(q.url)}`);
      await page.check('input[name="drill-rating"][value="4"]');
      ensure((await text(page, '#drill-history')).includes('4'), 'the question cannot be rated without its details');
      await page.click('#quiz-next');
      await settled(page, '#quiz-card');
      await page.click('#quiz-choices button');
      const answer = await text(page, '#quiz-answer');
      ensure(answer.includes('practice/details-'), `#quiz-answer reads ${JSON.stringify(answer)}`);
      await nextDrill(page, data);
      ensure(!(await isShown(page, '#drill-answers')), 'the next question shows the failure before it is revealed');
    },
  ],
  [
    'data is text, never markup or script',
    async (page) => {
      await page.addInitScript(() => {
        let value;
        Object.defineProperty(window, 'prepbookPracticeData', {
          configurable: true,
          get: () => value,
          set: (d) => {
            window.__mangled = true;
            for (const q of d.questions || []) {
              q.text = `<img src=x onerror="window.__pwned=1">${q.text}`;
              q.url = 'javascript:window.__pwned=2';
            }
            if (d.principles && d.principles[0]) d.principles[0].title = '<b class="injected">bold</b>';
            value = d;
          },
        });
        // Each details file as it is read: markup in answers, notes, follow-ups and stories.
        window.prepbookPracticeDetails = new Proxy({}, {
          set: (files, n, file) => {
            window.__mangledDetails = true;
            const markup = (s) => `<b class="injected">${s}</b><img src=x onerror="window.__pwned=3">`;
            for (const q of file.questions || []) {
              q.notes = markup(q.notes);
              q.follow_ups = [...(q.follow_ups || []), markup('follow-up')];
              for (const a of q.answers || []) for (const s of a.sections || []) s[1] = markup(s[1]);
            }
            for (const s of file.stories || []) { s.title = markup(s.title); s.url = 'javascript:window.__pwned=4'; }
            files[n] = file;
            return true;
          },
        });
      });
      const data = await open(page);
      ensure(await page.evaluate(() => window.__mangled === true), 'practice/data.js did not assign window.prepbookPracticeData');
      await page.selectOption('#drill-principle', '');
      const q = await nextDrill(page, data);
      ensure(q.text.startsWith('<img'), 'the data was not mangled');
      await page.click('#drill-reveal');
      await page.click('#drill-followup-next');
      ensure(await page.evaluate(() => window.__mangledDetails === true), 'no details file was read');
      await page.click('#quiz-next');
      await settled(page, '#quiz-card');
      await page.click('#quiz-choices button');
      await page.click('#mock-generate');
      const found = await page.evaluate(() => ({
        img: document.querySelectorAll('main img').length,
        injected: document.querySelectorAll('.injected').length,
        js: [...document.querySelectorAll('main a[href]')].filter((a) => /^javascript:/i.test(a.getAttribute('href'))).length,
        pwned: window.__pwned ?? null,
        choice: document.querySelector('#quiz-choices button')?.textContent ?? null,
      }));
      ensure(found.img === 0 && found.injected === 0, `markup from the data became elements: ${JSON.stringify(found)}`);
      ensure(found.js === 0, `${found.js} links to javascript: URLs`);
      ensure(found.pwned === null, `script from the data ran (${found.pwned})`);
      ensure(found.choice === '<b class="injected">bold</b>', `the first quiz choice reads ${JSON.stringify(found.choice)}`);
    },
  ],
  [
    'drill: the reader\'s stories show on reveal',
    async (page) => {
      // The handbook may have no stories of its own: add one to each details file as it is read.
      const story = {
        title: 'Test story: the midnight migration',
        framework: 'SOAR',
        figures: ['30% fewer tickets', '2 weeks early'],
        short: 'The sixty-second version of the story.',
        sections: [['Situation', 'First paragraph.\n\nSecond paragraph.'], ['Obstacle', 'The obstacle.']],
        url: 'stories/test-story.html',
      };
      await page.addInitScript((story) => {
        window.prepbookPracticeDetails = new Proxy({}, {
          set: (files, n, file) => {
            const at = (file.stories || []).length;
            file.stories = [...(file.stories || []), story];
            for (const q of file.questions || []) q.stories = [...(q.stories || []), at];
            files[n] = file;
            return true;
          },
        });
      }, story);
      const data = await open(page);
      await nextDrill(page, data);
      await page.click('#drill-reveal');
      const shown = await text(page, '#drill-answers');
      for (const part of [story.title, 'SOAR', ...story.figures, story.short, 'Situation', 'Obstacle']) {
        ensure(shown.includes(part), `the revealed story does not show ${JSON.stringify(part)}: ${shown.slice(0, 300)}`);
      }
      const href = await page.locator('#drill-answers a', { hasText: story.title }).first().evaluate((a) => a.href);
      ensure(href === url(story.url), `the story links to ${href}, expected ${url(story.url)}`);
      const paragraphs = await page.locator('#drill-answers .story-full p').allTextContents();
      ensure(paragraphs.includes('First paragraph.') && paragraphs.includes('Second paragraph.'), `blank lines do not split paragraphs: ${JSON.stringify(paragraphs)}`);
    },
  ],
  [
    'phone width, labels and the keyboard',
    async (page) => {
      await page.setViewportSize({ width: 360, height: 740 });
      const data = await open(page);
      await page.click('#drill-next');
      await page.click('#drill-reveal');
      await page.click('#quiz-next');
      await page.click('#mock-generate');
      const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      ensure(width.scroll <= width.client + 1, `practice.html is ${width.scroll}px wide on a ${width.client}px screen`);
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('main *')]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && e.getClientRects().length > 0)
          .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')}`)
          .slice(0, 5),
      );
      ensure(wide.length === 0, `elements wider than a 360px screen: ${wide.join(', ')}`);
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll('main input, main select, main button')]
          .filter((c) => {
            if (c.getAttribute('aria-label')) return false;
            if (c.tagName === 'BUTTON') return c.textContent.trim() === '';
            return !c.labels || c.labels.length === 0 || [...c.labels].every((l) => l.textContent.trim() === '');
          })
          .map((c) => c.id || c.name || c.outerHTML.slice(0, 60)),
      );
      ensure(unlabelled.length === 0, `controls without a label: ${unlabelled.join(', ')}`);

      // Keyboard only: a quiz round.
      await page.focus('#quiz-next');
      await page.keyboard.press('Enter');
      const q = await shownQuestion(page, data, '#quiz-question');
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-principle') ?? null);
      ensure(focused === data.principles[0].id, `Tab after #quiz-next focuses ${JSON.stringify(focused)}, expected the first choice`);
      await page.keyboard.press('Enter');
      ensure(/^(Right|Not quite)/.test(await text(page, '#quiz-result')), `Enter on a choice gave ${JSON.stringify(await text(page, '#quiz-result'))} for ${q.id}`);
      // And a drill: next, reveal, rate.
      await page.focus('#drill-next');
      await page.keyboard.press('Enter');
      await page.focus('#drill-reveal');
      await page.keyboard.press(' ');
      ensure(await isShown(page, '#drill-answers'), 'Space on #drill-reveal did not reveal the answers');
      await page.focus('input[name="drill-rating"][value="1"]');
      await page.keyboard.press('ArrowRight');
      ensure(await page.isChecked('input[name="drill-rating"][value="2"]'), 'arrow keys do not move through the ratings');
    },
  ],
  ...trainingChecks(book),
]);
