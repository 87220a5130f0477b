// Live reload of `prepbook serve` in headless Chromium: an edit reloads the open page and keeps
// its scroll position, a broken edit shows an error over the page until it is fixed, and a page
// whose file is deleted sends the reader to the home page.
// Usage: node tests/browser/serve.test.mjs <server base URL> <handbook folder>
import { launchChromium } from './lib.mjs';
import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

const [base, dir] = process.argv.slice(2);
const WAIT_MS = 15000;
const watchdog = setTimeout(() => { console.error('error: serve test took too long'); process.exit(3); }, 100_000);
watchdog.unref();

function ensure(cond, message) { if (!cond) throw new Error(message); }

async function until(what, fn) {
  const start = Date.now();
  while (Date.now() - start < WAIT_MS) {
    try { if (await fn()) return Date.now() - start; } catch { /* the page may be reloading */ }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const browser = await launchChromium();
let failed = 0, passed = 0;
async function check(name, fn) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith(base)) problems.push(`request left the server: ${r.url()}`); });
  try {
    await fn(page);
    ensure(problems.length === 0, problems.join('; '));
    console.log(`ok - ${name}`);
    passed++;
  } catch (e) {
    console.log(`FAIL - ${name}: ${e.message}`);
    failed++;
  } finally {
    await page.close();
  }
}

/** The lowest text contrast in the error overlay: each text element's colour against the
 *  background it is painted on (every ancestor's background composited over white). */
function overlayContrast() {
  const parse = (c) => { const m = c.match(/[\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const lum = (c) => { const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const background = (el) => {
    const chain = [];
    for (let e = el; e; e = e.parentElement) chain.unshift(e);
    return chain.reduce((bg, e) => over(parse(getComputedStyle(e).backgroundColor), bg), [255, 255, 255, 1]);
  };
  let worst = { ratio: Infinity, text: '' };
  for (const el of document.querySelectorAll('#prepbook-error, #prepbook-error *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const bg = background(el);
    const fg = over(parse(getComputedStyle(el).color), bg);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < worst.ratio) worst = { ratio, text: el.textContent.trim().slice(0, 40) };
  }
  return worst;
}

const principle = join(dir, 'content/principles/ownership.md');
await check('an edit reloads the page and keeps its scroll position', async (page) => {
  await page.goto(`${base}principles/ownership.html`);
  await page.evaluate(() => window.scrollTo(0, 600));
  await until('the scroll', () => page.evaluate(() => window.scrollY === 600));
  const marker = `Reload marker ${Date.now()}`;
  writeFileSync(principle, readFileSync(principle, 'utf8').replace('Owners finish the job.', `Owners finish the job. ${marker}`));
  const ms = await until('the edit in the page', () => page.evaluate((m) => document.body.innerText.includes(m), marker));
  console.log(`# save to reload: ${ms} ms`);
  await until('the scroll position back', () => page.evaluate(() => Math.abs(window.scrollY - 600) <= 2));
});

const tip = join(dir, 'content/tips/general.md');
await check('a broken edit shows the error over the page, and the fix clears it', async (page) => {
  await page.goto(`${base}tips.html`);
  const good = readFileSync(tip, 'utf8');
  writeFileSync(tip, good.replace('title: Quantify results', 'titel: Quantify results'));
  await until('the error overlay', () => page.evaluate(() => {
    const o = document.getElementById('prepbook-error');
    return o !== null && o.textContent.includes('content/tips/general.md:2:1') && o.textContent.includes('unknown key `titel`');
  }));
  ensure(await page.evaluate(() => document.body.textContent.includes('Quantify results')), 'the last good page is gone');
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const worst = await page.evaluate(overlayContrast);
    ensure(worst.ratio >= 4.5, `${scheme}: the overlay's "${worst.text}" has contrast ${worst.ratio.toFixed(2)}:1`);
    console.log(`# overlay contrast, ${scheme}: at least ${worst.ratio.toFixed(2)}:1`);
  }
  writeFileSync(tip, good.replace('Use numbers.', 'Use numbers, always.'));
  await until('the fixed page', () => page.evaluate(() =>
    document.getElementById('prepbook-error') === null && document.body.innerText.includes('Use numbers, always.')));
});

await check('a page whose file is deleted sends the reader home', async (page) => {
  const file = join(dir, 'content/questions/short-lived.md');
  writeFileSync(file, '---\nquestion: "A question that will not last?"\nprinciples: [ownership]\n---\n');
  await until('the new page', async () => (await page.goto(`${base}questions/short-lived.html`)).status() === 200);
  unlinkSync(file);
  await until('the home page', () => page.url() === base);
});

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
