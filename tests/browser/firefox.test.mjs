// The file:// features in Firefox ESR (Debian's firefox-esr), driven over WebDriver BiDi by
// puppeteer-core: search from the header field, a practice drill whose rating survives a
// reload, export and import of the progress, and what Firefox's storage per file:// page
// means for the due counts on other pages (printed, not failed: see the README).
// Usage: node tests/browser/firefox.test.mjs <built book folder>
// PREPBOOK_FIREFOX overrides the browser path (default /usr/bin/firefox-esr).

import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CheckError, bookArg, ensure, fileUrl } from './lib.mjs';

const book = bookArg();
const FIREFOX = process.env.PREPBOOK_FIREFOX || '/usr/bin/firefox-esr';
const WAIT = 8000;

async function until(page, what, fn) {
  const deadline = Date.now() + WAIT;
  while (Date.now() < deadline) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  ensure(false, `timed out after ${WAIT} ms waiting for ${what}`);
}

const textOf = (page, sel) => page.$eval(sel, (e) => e.textContent.replace(/\s+/g, ' ').trim());
const practisedAll = (page) => page.$eval('#progress tfoot .progress-practised', (e) => Number(e.getAttribute('data-practised')));

async function openPractice(page) {
  await page.goto(fileUrl(book, 'practice.html'));
  await until(page, 'practice.html to set up', () => page.evaluate(() => document.querySelectorAll('#drill-principle option').length > 1));
}

const checks = [
  ['search: typing in the header field shows results', async (page) => {
    await page.goto(fileUrl(book, 'index.html'));
    await page.click('#search-input');
    await page.keyboard.type('customer');
    const n = await until(page, 'search results', () => page.evaluate(() => document.querySelectorAll('#search-results li.search-result').length));
    ensure(n > 0, 'no results');
  }],
  ['practice: a drill rating survives a reload', async (page) => {
    await openPractice(page);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await until(page, 'practice.html to set up', () => page.evaluate(() => document.querySelectorAll('#drill-principle option').length > 1));
    await page.click('#drill-next');
    const id = await page.$eval('#drill-question', (e) => e.getAttribute('data-question'));
    await page.click('#drill-reveal');
    await page.click('input[name="drill-rating"][value="4"]');
    await page.reload();
    await until(page, 'practice.html to set up again', () => page.evaluate(() => document.querySelectorAll('#drill-principle option').length > 1));
    const entry = await page.evaluate((q) => JSON.parse(localStorage.getItem(window.prepbookPractice.storageKey) || 'null')?.questions?.[q], id);
    ensure(entry && entry.rating === 4 && entry.practised === 1, `after a reload the entry of ${id} is ${JSON.stringify(entry)}`);
    ensure((await practisedAll(page)) === 1, `the progress table counts ${await practisedAll(page)} practised`);
  }],
  ['practice: export, reset, import', async (page) => {
    await openPractice(page);
    // Catch the download: the file's name and text.
    await page.evaluate(() => {
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function () {
        if (this.download) {
          window.__download = { name: this.download };
          fetch(this.href).then((r) => r.text()).then((t) => { window.__download.text = t; });
          return undefined;
        }
        return click.call(this);
      };
    });
    await page.click('#progress-export');
    const download = await until(page, 'the export', () => page.evaluate(() => window.__download?.text && window.__download));
    ensure(/^amazon-leadership-principles-interview-handbook-progress-\d{4}-\d\d-\d\d\.json$/.test(download.name), `the export is named ${download.name}`);
    const json = JSON.parse(download.text);
    ensure(Object.keys(json.questions).length === 1, `the export holds ${download.text.slice(0, 200)}`);
    await page.click('#progress-reset');
    await page.click('#progress-reset');
    ensure((await practisedAll(page)) === 0, 'reset left progress');
    const dir = mkdtempSync(join(tmpdir(), 'prepbook-ff-'));
    try {
      const file = join(dir, download.name);
      writeFileSync(file, download.text);
      const input = await page.$('#progress-import');
      await input.uploadFile(file);
      await until(page, 'the import', async () => /^Imported/.test(await textOf(page, '#progress-status')));
      ensure(/1 added/.test(await textOf(page, '#progress-status')), `the import reads ${await textOf(page, '#progress-status')}`);
      ensure((await practisedAll(page)) === 1, 'the import did not restore the progress');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }],
  ['practice: the due counts of other pages (informational)', async (page) => {
    for (const rel of ['index.html', 'principles/customer-obsession.html']) {
      await page.goto(fileUrl(book, rel));
      await new Promise((r) => setTimeout(r, 500));
      const shown = await page.evaluate(() => {
        const e = document.querySelector('[data-practice-due]');
        return e && !e.hidden ? e.textContent : null;
      });
      console.log(`    (${rel} ${shown ? `shows ${JSON.stringify(shown)}` : 'finds no progress: this Firefox keeps storage per file:// page'})`);
    }
  }],
];

let browser;
try {
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, protocol: 'webDriverBiDi', timeout: 60_000 });
} catch (e) {
  console.error(`error: could not launch Firefox at ${FIREFOX}: ${e.message}`);
  process.exit(2);
}
console.log('# firefox');
const failed = [];
for (const [name, fn] of checks) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`uncaught page error: ${e.message}`));
  page.on('dialog', (d) => { errors.push(`a dialog opened: ${d.message()}`); d.dismiss().catch(() => {}); });
  try {
    await fn(page);
    ensure(errors.length === 0, errors.join('\n'));
    console.log(`ok - ${name}`);
  } catch (e) {
    failed.push(name);
    console.log(`FAIL - ${name}\n    ${e instanceof CheckError ? e.message : e.stack}`);
  }
  await page.close().catch(() => {});
}
await browser.close().catch(() => {});
console.log(`${checks.length - failed.length} passed, ${failed.length} failed`);
if (failed.length) process.exit(1);
