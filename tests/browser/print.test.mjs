// Printed pages seen as laid out, in headless Chromium with print media: every cheat sheet, the
// set of sheets, the overview and the flashcards (both layouts) of a built handbook, for the
// paper it was built for. Nothing may extend past the box that clips it or past the page; each
// story label stands directly above its own lines; a sheet that leaves something out uses at
// least 90% of the page; each flashcard's back lands behind its front (long-edge duplex, and
// across the fold); on a 360 px screen the printed pages read as one column.
// Usage: node tests/browser/print.test.mjs <built book folder> <a4|letter>
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bookArg, ensure, fileUrl, runChecks } from './lib.mjs';

const book = bookArg();
const paper = (process.argv[3] || 'a4').toLowerCase();
ensure(paper === 'a4' || paper === 'letter', `paper must be a4 or letter, not ${paper}`);
/** Paper size and margin, in mm. */
const PAPER = paper === 'letter' ? { w: 215.9, h: 279.4 } : { w: 210, h: 297 };
const MARGIN = 12;
/** The most blank area a sheet may leave when its principle has more than it shows. */
const MAX_BLANK = 0.1;

/** Opens `rel` with print media and waits until its sheets are filled. */
async function openPrinted(page, rel) {
  await page.setViewportSize({ width: 1200, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  await page.goto(fileUrl(book, rel));
  await page.waitForSelector('html[data-fitted]', { state: 'attached' });
}

/**
 * In the page: every problem of layout on its sheets or card pages, and each sheet's blank share.
 * Runs in the browser, so it takes plain data only.
 */
function inspect({ paperMm, margin, maxBlank }) {
  const MM = 96 / 25.4;
  const TOL = 0.5;
  const printable = { w: (paperMm.w - 2 * margin) * MM, h: (paperMm.h - 2 * margin) * MM };
  const problems = [];
  const blanks = [];
  const mm = (px) => (px / MM).toFixed(1);
  const name = (el) => {
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60);
    return `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> "${text}"`;
  };
  const shown = (el) => !el.closest('[hidden]') && getComputedStyle(el).display !== 'none';
  const outside = (r, a) =>
    r.left < a.left - TOL || r.right > a.right + TOL || r.top < a.top - TOL || r.bottom > a.bottom + TOL;
  const clips = (el) => {
    const cs = getComputedStyle(el);
    return cs.overflowX !== 'visible' || cs.overflowY !== 'visible';
  };
  const where = (sheet) => sheet.id || sheet.getAttribute('aria-label') || sheet.className;

  for (const sheet of document.querySelectorAll('.sheet, .card-page')) {
    const s = sheet.getBoundingClientRect();
    if (s.width > printable.w + TOL || s.height > printable.h + TOL) {
      problems.push(`${where(sheet)}: ${mm(s.width)} x ${mm(s.height)} mm does not fit the printable ${mm(printable.w)} x ${mm(printable.h)} mm`);
    }
    // Every element, and every piece of text, inside each box that clips it and the sheet.
    const boxes = [];
    for (const el of sheet.querySelectorAll('*')) {
      if (!shown(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      boxes.push([el.parentElement, r, name(el)]);
    }
    const walker = document.createTreeWalker(sheet, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!t.textContent.trim() || !shown(t.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(t);
      for (const r of range.getClientRects()) boxes.push([t.parentElement, r, `text "${t.textContent.trim().slice(0, 60)}"`]);
    }
    // Each box is checked against its first ancestor (from `start` up) that clips, and the sheet.
    for (const [start, r, label] of boxes) {
      for (let a = start; a; a = a.parentElement) {
        if (clips(a) || a === sheet) {
          const ar = a.getBoundingClientRect();
          if (outside(r, ar)) {
            problems.push(`${where(sheet)}: ${label} (${mm(r.left - s.left)},${mm(r.top - s.top)} to ${mm(r.right - s.left)},${mm(r.bottom - s.top)} mm) extends past ${a === sheet ? 'the page' : name(a)}`);
            break;
          }
        }
        if (a === sheet) break;
      }
    }

    // Story fields: the label directly above its own lines, action with the most lines.
    const fields = [...sheet.querySelectorAll('.story-field')];
    const lineCounts = {};
    let previous = null;
    for (const field of fields) {
      const label = field.querySelector('.story-label');
      const lines = field.querySelector('.ruled');
      if (!label || !lines) { problems.push(`${where(sheet)}: a story field without label or lines`); continue; }
      const l = label.getBoundingClientRect();
      const r = lines.getBoundingClientRect();
      const text = label.textContent.trim();
      lineCounts[text.toLowerCase()] = lines.children.length;
      if (l.bottom > r.top + TOL) problems.push(`${where(sheet)}: the ${text} label overlaps its lines`);
      if (r.top - l.bottom > 2 * MM) problems.push(`${where(sheet)}: the ${text} label is ${mm(r.top - l.bottom)} mm above its lines`);
      if (Math.abs(l.left - r.left) > 1 * MM) problems.push(`${where(sheet)}: the ${text} label does not start where its lines do`);
      if (previous && previous.bottom > l.top + TOL) problems.push(`${where(sheet)}: the ${text} label sits beside the lines of the field before`);
      for (const other of sheet.querySelectorAll('.ruled > *')) {
        if (lines.contains(other)) continue;
        const o = other.getBoundingClientRect();
        if (o.bottom > l.top + TOL && o.top < l.bottom - TOL) problems.push(`${where(sheet)}: the ${text} label sits beside another field's line`);
      }
      previous = r;
    }
    if (fields.length) {
      const action = lineCounts.action || 0;
      for (const [k, n] of Object.entries(lineCounts)) {
        if (k !== 'action' && n >= action) problems.push(`${where(sheet)}: ${k} has ${n} lines, action only ${action}`);
      }
    }

    // Blank area of the filled region: below the last entry of each column.
    const body = sheet.querySelector('.sheet-body');
    if (body) {
      const b = body.getBoundingClientRect();
      const cs = getComputedStyle(body);
      const n = Number(cs.columnCount) || 1;
      const gap = parseFloat(cs.columnGap) || 0;
      const left = b.left + parseFloat(cs.paddingLeft);
      const top = b.top + parseFloat(cs.paddingTop);
      const width = b.width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      const col = (width - gap * (n - 1)) / n;
      const bottoms = new Array(n).fill(top);
      for (const el of body.querySelectorAll('li, h2, p')) {
        if (!shown(el)) continue;
        for (const r of el.getClientRects()) {
          const c = Math.floor((r.left + 1 - left) / (col + gap));
          if (c >= 0 && c < n) bottoms[c] = Math.max(bottoms[c], r.bottom);
        }
      }
      let blank = 0;
      for (const bottom of bottoms) blank += Math.max(0, b.bottom - bottom) * col;
      // And whatever the sheet leaves below its last part.
      const last = sheet.lastElementChild.getBoundingClientRect();
      blank += Math.max(0, s.bottom - last.bottom) * s.width;
      const share = blank / (printable.w * printable.h);
      const hasMore = [...body.querySelectorAll('[data-rank]')].some((el) => el.hidden)
        || [...body.querySelectorAll('.more')].some((el) => shown(el));
      blanks.push({ sheet: where(sheet), share, hasMore });
      if (hasMore && share >= maxBlank) {
        problems.push(`${where(sheet)}: ${(share * 100).toFixed(1)}% of the page is blank while the principle has more than it shows`);
      }
    }
  }
  return { problems, blanks, sheets: document.querySelectorAll('.sheet, .card-page').length };
}

/** In the page: cards whose back does not land behind their front. */
function alignment({ paperMm, margin }) {
  const MM = 96 / 25.4;
  const problems = [];
  const pages = [...document.querySelectorAll('.card-page')];
  const paperW = paperMm.w * MM;
  const rel = (el, page) => {
    const r = el.getBoundingClientRect();
    const p = page.getBoundingClientRect();
    return { x: r.left - p.left + margin * MM, y: r.top - p.top + margin * MM, w: r.width, h: r.height };
  };
  const close = (a, b) => Math.abs(a - b) <= 1 * MM;
  let cards = 0;
  for (const page of pages) {
    const w = page.getBoundingClientRect().width;
    if (Math.abs(w - (paperMm.w - 2 * margin) * MM) > 0.5 * MM) {
      problems.push(`a page of cards is ${(w / MM).toFixed(1)} mm wide, not centred between equal margins`);
    }
  }
  const check = (n, f, b) => {
    const mirrored = paperW - b.x - b.w;
    if (!close(f.x, mirrored) || !close(f.y, b.y) || !close(f.w, b.w) || !close(f.h, b.h)) {
      problems.push(`card ${n}: front at ${(f.x / MM).toFixed(1)},${(f.y / MM).toFixed(1)} mm, mirrored back at ${(mirrored / MM).toFixed(1)},${(b.y / MM).toFixed(1)} mm`);
    }
  };
  const layout = document.getElementById('card-pages').getAttribute('data-layout');
  if (layout === 'fold') {
    for (const page of pages) {
      for (const front of page.querySelectorAll('.card-front')) {
        const n = front.getAttribute('data-card');
        const back = page.querySelector(`.card-back[data-card="${n}"]`);
        if (!back) { problems.push(`card ${n}: no back beside its front`); continue; }
        cards++;
        check(n, rel(front, page), rel(back, page));
      }
    }
  } else {
    for (let i = 0; i < pages.length; i += 2) {
      const [fronts, backs] = [pages[i], pages[i + 1]];
      if (!backs || !fronts.classList.contains('card-fronts') || !backs.classList.contains('card-backs')) {
        problems.push(`page ${i + 1} of cards is not a page of fronts followed by its backs`);
        continue;
      }
      for (const front of fronts.querySelectorAll('.card-front')) {
        const n = front.getAttribute('data-card');
        const back = backs.querySelector(`.card-back[data-card="${n}"]`);
        if (!back) { problems.push(`card ${n}: its back is not on the next page`); continue; }
        cards++;
        check(n, rel(front, fronts), rel(back, backs));
      }
      if (backs.querySelectorAll('.card-back').length !== fronts.querySelectorAll('.card-front').length) {
        problems.push(`page ${i + 2} has backs without their fronts`);
      }
    }
  }
  return { problems, cards };
}

const geometry = { paperMm: PAPER, margin: MARGIN, maxBlank: MAX_BLANK };

function report(rel, result) {
  for (const b of result.blanks) {
    console.log(`# ${rel} ${b.sheet}: ${(b.share * 100).toFixed(1)}% blank${b.hasMore ? ', more in the handbook' : ''}`);
  }
  ensure(result.problems.length === 0, `${rel}:\n${result.problems.slice(0, 20).join('\n')}${result.problems.length > 20 ? `\n… ${result.problems.length - 20} more` : ''}`);
}

const sheets = readdirSync(join(book, 'cheatsheets')).filter((f) => f.endsWith('.html')).sort();
const checks = [];
for (const rel of [...sheets.map((f) => `cheatsheets/${f}`), 'cheatsheets.html', 'overview.html']) {
  checks.push([`${paper}: ${rel} fits its page, clips nothing and fills it`, async (page) => {
    await openPrinted(page, rel);
    const result = await page.evaluate(inspect, geometry);
    ensure(result.sheets > 0, `${rel} has no sheet`);
    report(rel, result);
  }]);
}

checks.push([`${paper}: the overview shows no question twice`, async (page) => {
  await openPrinted(page, 'overview.html');
  const questions = await page.evaluate(() =>
    [...document.querySelectorAll('.key-question, .overview-extras li[data-kind="also_asked"]')]
      .filter((el) => !el.closest('[hidden]'))
      .map((el) => {
        // The question without its label, whatever the handbook's language.
        const copy = el.cloneNode(true);
        copy.querySelector('strong')?.remove();
        return copy.textContent.replace(/\s+/g, ' ').trim();
      }));
  ensure(questions.length > 0, 'the overview shows no question');
  const seen = new Set();
  for (const q of questions) {
    ensure(!seen.has(q), `the overview shows ${JSON.stringify(q)} twice`);
    seen.add(q);
  }
}]);

for (const layout of ['duplex', 'fold']) {
  const rel = layout === 'fold' ? 'flashcards.html?layout=fold' : 'flashcards.html';
  checks.push([`${paper}: flashcards (${layout}) clip nothing and each back lands behind its front`, async (page) => {
    await openPrinted(page, rel);
    const result = await page.evaluate(inspect, geometry);
    report(rel, result);
    const aligned = await page.evaluate(alignment, geometry);
    const total = await page.locator('.card-front').count();
    ensure(aligned.cards === total, `${aligned.cards} of ${total} cards were checked`);
    ensure(aligned.problems.length === 0, aligned.problems.slice(0, 20).join('\n'));
    console.log(`# ${rel}: ${total} cards aligned within 1 mm`);
  }]);
}

checks.push([`${paper}: flashcards filter by principle and stay aligned`, async (page) => {
  await page.setViewportSize({ width: 1200, height: 1000 });
  await page.goto(fileUrl(book, 'flashcards.html'));
  await page.waitForSelector('html[data-fitted]', { state: 'attached' });
  const options = await page.$$eval('#card-principle option', (os) => os.map((o) => [o.value, o.textContent]));
  ensure(options.length > 1, 'no principle to filter by');
  const [id, label] = options[options.length - 1];
  const expected = Number(/\((\d+)\)\s*$/.exec(label)[1]);
  await page.selectOption('#card-principle', id);
  await page.check('input[name="layout"][value="fold"]');
  const fronts = await page.$$eval('.card-front', (els) => els.map((e) => e.getAttribute('data-principles').split(' ')));
  ensure(fronts.length === expected, `${label}: ${fronts.length} cards shown`);
  ensure(fronts.every((ps) => ps.includes(id)), `a card without ${id} is shown`);
  ensure(new URL(page.url()).search.includes(`principle=${id}`), `the address does not keep the filter: ${page.url()}`);
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.prepbookFit());
  const aligned = await page.evaluate(alignment, geometry);
  ensure(aligned.problems.length === 0 && aligned.cards === expected, aligned.problems.join('\n') || `${aligned.cards} cards aligned`);
  const result = await page.evaluate(inspect, geometry);
  report('flashcards.html (filtered)', result);
}]);

for (const rel of [`cheatsheets/${sheets[0]}`, 'overview.html', 'flashcards.html']) {
  checks.push([`${paper}: ${rel} reads as one column on a 360 px phone`, async (page) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(fileUrl(book, rel));
    await page.waitForSelector('html[data-fitted]', { state: 'attached' });
    const { scroll, widest, columns } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      widest: Math.max(0, ...[...document.querySelectorAll('.sheet, .card-page, .card')].map((e) => e.getBoundingClientRect().right)),
      columns: Math.max(1, ...[...document.querySelectorAll('.sheet-body')].map((e) => Number(getComputedStyle(e).columnCount) || 1)),
    }));
    ensure(scroll <= 360, `${rel} is ${scroll} px wide on a 360 px screen`);
    ensure(widest <= 360, `a sheet of ${rel} reaches ${widest} px on a 360 px screen`);
    ensure(columns === 1, `${rel} has ${columns} columns on a phone`);
  }]);
}

await runChecks(`printed pages (${paper})`, checks);
