// The hosted handbook read offline: served over HTTP on loopback, loaded once, then with the
// page context offline every principle page, a question page and a search still work; then a
// new build replaces the old one cleanly after a reload.
// Usage: node tests/browser/offline.test.mjs <first build> <second build> <marker only in the second> <page with it>
import { launchChromium } from './lib.mjs';
import { createServer } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';

const [first, second, marker, markerPage] = process.argv.slice(2);
const WAIT_MS = 20000;
const watchdog = setTimeout(() => { console.error('error: offline test took too long'); process.exit(3); }, 110_000);
watchdog.unref();
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json', '.xml': 'application/xml', '.txt': 'text/plain' };

let root = first;
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '') || 'index.html';
  if (path.startsWith('..')) { res.writeHead(404).end(); return; }
  try {
    const body = await readFile(join(root, path.endsWith('/') ? path + 'index.html' : path));
    res.writeHead(200, { 'content-type': TYPES[extname(path)] || 'application/octet-stream', 'cache-control': 'no-cache' }).end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

function ensure(cond, message) { if (!cond) throw new Error(message); }

const browser = await launchChromium();
let failed = false;
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on('request', (r) => { if (!r.url().startsWith(base)) problems.push(`request left the machine: ${r.url()}`); });

  await page.goto(`${base}index.html`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null
    && document.documentElement.getAttribute('data-offline-ready') === 'true', null, { timeout: WAIT_MS });
  const status = await page.textContent('#offline-status');
  ensure(status.includes('Available offline'), `the indicator says ${JSON.stringify(status)}`);
  const cachesBefore = await page.evaluate(() => caches.keys());
  ensure(cachesBefore.length === 1 && cachesBefore[0].startsWith('prepbook-'), `caches: ${cachesBefore}`);
  console.log('ok - loaded once, the service worker took over and cached the build');

  await context.setOffline(true);
  const principles = (await readdir(join(first, 'principles'))).filter((f) => f.endsWith('.html'));
  ensure(principles.length > 0, 'no principle pages');
  for (const p of principles) {
    const r = await page.goto(`${base}principles/${p}`);
    ensure(r && r.status() === 200, `offline: principles/${p} answered ${r && r.status()}`);
    ensure((await page.locator('h1').count()) === 1, `offline: principles/${p} has no heading`);
  }
  const question = (await readdir(join(first, 'questions')))[0];
  const r = await page.goto(`${base}questions/${question}`);
  ensure(r && r.status() === 200, `offline: the question page answered ${r && r.status()}`);
  await page.goto(`${base}search.html?q=ownership`);
  await page.waitForSelector('#search-page-results li.search-result', { timeout: WAIT_MS });
  console.log(`ok - offline: ${principles.length} principle pages, a question page and a search`);

  await context.setOffline(false);
  root = second;
  await page.goto(`${base}${markerPage}`);
  await page.waitForFunction((m) => document.body && document.body.innerText.includes(m), marker, { timeout: WAIT_MS, polling: 200 })
    .catch(async () => {
      // The new worker may activate after this load; the page then reloads itself.
      await page.reload();
      await page.waitForFunction((m) => document.body.innerText.includes(m), marker, { timeout: WAIT_MS, polling: 200 });
    });
  await page.waitForFunction((old) => caches.keys().then((k) => k.length === 1 && k[0] !== old), cachesBefore[0], { timeout: WAIT_MS, polling: 200 });
  console.log('ok - a new build replaced the old one, and only its cache is left');
  ensure(problems.length === 0, problems.join('; '));
  console.log('ok - no page error, dialog or outside request');
} catch (e) {
  console.log(`FAIL - ${e.message}`);
  failed = true;
} finally {
  await browser.close();
  server.close();
}
console.log(failed ? '0 passed, 1 failed' : '1 passed, 0 failed');
process.exit(failed ? 1 : 0);
