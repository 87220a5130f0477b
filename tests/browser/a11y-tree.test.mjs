// What a screen reader gets, from disk in headless Chromium, read from the accessibility tree
// (CDP Accessibility.getFullAXTree): on the practice page (drill, quiz, mock interview), the
// search dropdown of a principle page and the coverage page, every control has a role and an
// accessible name; what changes is announced (the text of a live region changes); and focus
// goes somewhere sensible after reveal, next and a quiz choice (never back to the page itself).
// Usage: node tests/browser/a11y-tree.test.mjs <built book folder with stories>

import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { bookArg, ensure, fileUrl, runChecks, settledResults, DROPDOWN } from './lib.mjs';
import { open, text, until } from './practice-lib.mjs';

const book = bookArg();
const CONTROLS = new Set(['button', 'link', 'checkbox', 'radio', 'combobox', 'listbox', 'option', 'textbox', 'searchbox', 'spinbutton', 'slider', 'switch', 'tab', 'menuitem']);

/** The nodes of the accessibility tree that are controls: role, name, and the DOM id if any. */
async function controls(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes
    .filter((n) => !n.ignored && CONTROLS.has(n.role?.value))
    .map((n) => ({ role: n.role.value, name: (n.name?.value ?? '').trim(), node: n.backendDOMNodeId }));
}

/** Fails on any control without a name, naming up to five by role and DOM. */
async function everyControlNamed(page, what) {
  const all = await controls(page);
  ensure(all.length > 0, `${what}: the accessibility tree has no control at all`);
  const bad = all.filter((c) => c.name === '');
  if (bad.length === 0) return all;
  const cdp = await page.context().newCDPSession(page);
  const shown = [];
  for (const c of bad.slice(0, 5)) {
    const { node } = await cdp.send('DOM.describeNode', { backendNodeId: c.node });
    const attrs = Object.fromEntries((node.attributes || []).reduce((a, v, i, arr) => (i % 2 ? a : [...a, [v, arr[i + 1]]]), []));
    shown.push(`${c.role} <${node.localName}${attrs.id ? `#${attrs.id}` : ''}${attrs.class ? `.${attrs.class.split(' ').join('.')}` : ''}>`);
  }
  await cdp.detach();
  ensure(false, `${what}: ${bad.length} of ${all.length} controls have no accessible name: ${shown.join(', ')}`);
  return all;
}

/** What has focus: its id, or its tag and class; "body" when focus went back to the page. */
const focusOf = (page) => page.evaluate(() => {
  const e = document.activeElement;
  if (!e || e === document.body) return 'body';
  return e.id ? `#${e.id}` : `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`;
});

/** Does `sel` sit in a live region (itself or an ancestor with aria-live or role status/alert)? */
const live = (page, sel) => page.evaluate((s) => {
  const e = document.querySelector(s);
  return !!(e && e.closest('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]'));
}, sel);

/** Runs `act`, then checks that the live region `sel` now says something else. */
async function announces(page, sel, act, what) {
  ensure(await live(page, sel), `${sel} is not in a live region, so ${what} is not announced`);
  const before = await text(page, sel);
  await act();
  const after = await until(page, `${sel} to change after ${what}`, async () => {
    const t = await text(page, sel);
    return t !== before && t !== '' ? t : null;
  });
  return after;
}

await runChecks('accessibility tree', [
  ['practice: drill, every control named, changes announced, focus kept', async (page) => {
    await open(page, book);
    await page.evaluate(() => localStorage.clear());
    await everyControlNamed(page, 'practice.html as it opens');
    await page.focus('#drill-next');
    await announces(page, '#drill-question', () => page.keyboard.press('Enter'), 'drawing a question');
    ensure(['#drill-next', '#drill-question'].includes(await focusOf(page)), `after "next" focus is on ${await focusOf(page)}`);
    await page.focus('#drill-reveal');
    await page.keyboard.press('Enter');
    const expanded = await page.getAttribute('#drill-reveal', 'aria-expanded');
    ensure(expanded === 'true', `the reveal button says aria-expanded=${expanded} after revealing`);
    const f = await focusOf(page);
    ensure(f !== 'body', 'focus went back to the page after revealing');
    await everyControlNamed(page, 'the drill with its answers revealed');
    await announces(page, '#drill-history', () => page.check('input[name="drill-rating"][value="4"]'), 'rating the answer');
    await page.focus('#drill-followup-next');
    await announces(page, '#drill-followup-text', () => page.keyboard.press('Enter'), 'asking a follow-up');
    ensure((await focusOf(page)) === '#drill-followup-text', `after asking a follow-up focus is on ${await focusOf(page)}, not the follow-up`);
  }],
  ['practice: quiz and mock interview, every control named, changes announced, focus kept', async (page) => {
    await open(page, book);
    await page.focus('#quiz-next');
    await announces(page, '#quiz-question', () => page.keyboard.press('Enter'), 'a new quiz round');
    await page.locator('#quiz-choices button').first().focus();
    await announces(page, '#quiz-result', () => page.keyboard.press('Enter'), 'a quiz choice');
    ensure((await focusOf(page)) !== 'body', 'focus went back to the page after choosing');
    await everyControlNamed(page, 'a quiz round answered');
    await page.focus('#mock-generate');
    await announces(page, '#mock-status', () => page.keyboard.press('Enter'), 'generating a mock day');
    ensure((await focusOf(page)) !== 'body', 'focus went back to the page after generating a day');
    const names = (await everyControlNamed(page, 'a mock day')).filter((c) => c.role === 'button').map((c) => c.name);
    for (const word of [/^start/i, /^finish/i]) {
      const same = names.filter((n) => word.test(n));
      ensure(same.length > 1 && new Set(same).size === same.length, `the buttons of the interviews cannot be told apart: ${JSON.stringify(same)}`);
    }
    await page.locator('#mock-loop .mock-toggle').first().focus();
    await page.keyboard.press('Enter');
    ensure((await focusOf(page)) !== 'body', 'focus went back to the page after starting an interview');
  }],
  ['search dropdown on a principle page: named combobox and options, count announced', async (page) => {
    const principle = readdirSync(resolve(book, 'principles')).filter((f) => f.endsWith('.html')).sort()[0];
    await page.goto(fileUrl(book, `principles/${principle}`));
    await page.focus('#search-input');
    await page.keyboard.type('customer');
    await settledResults(page, DROPDOWN);
    const all = await everyControlNamed(page, 'a principle page with the search dropdown open');
    ensure(all.some((c) => c.role === 'combobox' || c.role === 'searchbox'), 'the search field is not a combobox or search box');
    const options = all.filter((c) => c.role === 'option' || c.role === 'link');
    ensure(options.length > 0, 'the dropdown offers nothing a screen reader sees');
    const expanded = await page.getAttribute('#search-input', 'aria-expanded');
    ensure(expanded === 'true', `the search field says aria-expanded=${expanded} with the dropdown open`);
    const status = '#search-results .search-results-status';
    ensure(await live(page, status), 'the number of results is not in a live region');
    ensure(/\d/.test(await text(page, status)), `the dropdown's status reads ${JSON.stringify(await text(page, status))}`);
    await page.keyboard.press('ArrowDown');
    const active = await page.getAttribute('#search-input', 'aria-activedescendant');
    ensure(active && (await page.locator(`#${active}`).count()) === 1, `ArrowDown sets aria-activedescendant to ${JSON.stringify(active)}`);
  }],
  ['coverage page: named table and scroll region', async (page) => {
    await page.goto(fileUrl(book, 'coverage.html'));
    await everyControlNamed(page, 'coverage.html');
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    await cdp.detach();
    const tables = nodes.filter((n) => !n.ignored && n.role?.value === 'table');
    ensure(tables.length > 0 && tables.every((n) => (n.name?.value ?? '').trim() !== ''), `coverage tables and their names: ${JSON.stringify(tables.map((n) => n.name?.value ?? ''))}`);
    const scroll = await page.evaluate(() => {
      const b = document.querySelector('.coverage-scroll');
      return { role: b.getAttribute('role'), name: b.getAttribute('aria-label') || b.getAttribute('aria-labelledby') };
    });
    ensure(scroll.role === 'region' && scroll.name, `the focusable scroll box of the matrix has role ${scroll.role} and name ${scroll.name}`);
    const headers = nodes.filter((n) => !n.ignored && (n.role?.value === 'columnheader' || n.role?.value === 'rowheader'));
    ensure(headers.length > 2, `the matrix has ${headers.length} column or row headers`);
  }],
]);
