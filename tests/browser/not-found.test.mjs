// The 404 page of a build with a site address: opened from disk it reaches no network; served
// for a missing address deep in the site, its stylesheet and links resolve from the site root.
// Usage: node tests/browser/not-found.test.mjs <build> <port> <path of the site, e.g. /prep/>
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensure, launchChromium } from './lib.mjs';

const [dir, port, prefix] = process.argv.slice(2);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x').pathname;
  const rel = url.startsWith(prefix) ? normalize(decodeURIComponent(url.slice(prefix.length))) : '..';
  if (!rel.startsWith('..')) {
    try {
      const body = await readFile(join(dir, rel || 'index.html'));
      res.writeHead(200, { 'content-type': TYPES[extname(rel)] || 'application/octet-stream' }).end(body);
      return;
    } catch { /* not found */ }
  }
  res.writeHead(404, { 'content-type': TYPES['.html'] }).end(await readFile(join(dir, '404.html')));
});
await new Promise((r) => server.listen(Number(port), '127.0.0.1', r));

const browser = await launchChromium();
let failed = false;
try {
  const page = await browser.newPage();
  const network = [];
  page.on('request', (r) => { if (/^https?:/.test(r.url())) network.push(r.url()); });
  await page.goto(pathToFileURL(join(dir, '404.html')).href);
  await page.waitForLoadState('load');
  ensure(network.length === 0, `opened from disk, 404.html made network requests: ${network.join(', ')}`);
  const styled = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  ensure(!/Times/.test(styled) && styled.length > 0, `opened from disk, the stylesheet did not load: ${styled}`);
  console.log('ok - opened from disk, the 404 page reaches no network and is styled');

  const served = [];
  page.removeAllListeners('request');
  page.on('response', (r) => served.push([r.url(), r.status()]));
  const r = await page.goto(`http://127.0.0.1:${port}${prefix}deep/er/missing.html`);
  ensure(r.status() === 404, `a missing page answered ${r.status()}`);
  await page.waitForLoadState('load');
  const css = served.find(([u]) => u.endsWith(`${prefix}assets/style.css`));
  ensure(css && css[1] === 200, `served deep, the stylesheet came from: ${JSON.stringify(served)}`);
  const home = await page.$eval('a.button', (a) => a.href);
  ensure(home === `http://127.0.0.1:${port}${prefix}index.html`, `the home link goes to ${home}`);
  console.log('ok - served for a deep missing address, it resolves from the site root');
} catch (e) {
  failed = true;
  console.error(`not ok - ${e.message}`);
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
