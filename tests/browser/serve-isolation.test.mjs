// Other sites cannot read a handbook that `prepbook serve` serves: a page on another port of
// this machine (same-site) or on another host name (cross-site) that includes the search text,
// the reader's practice data or an image gets nothing, while the handbook's own pages load them.
// Usage: node tests/browser/serve-isolation.test.mjs <server base URL>
import { launchChromium } from './lib.mjs';
import { createServer } from 'node:http';

const [base] = process.argv.slice(2);
if (!base) { console.error('usage: node serve-isolation.test.mjs <server base URL>'); process.exit(2); }
const watchdog = setTimeout(() => { console.error('error: serve isolation test took too long'); process.exit(3); }, 100_000);
watchdog.unref();

function ensure(cond, message) { if (!cond) throw new Error(message); }

// The other site: one page that tries to read the handbook the way any site could, with a
// `prepbookSearch` of its own to catch the text the search files hand to it.
const FILES = { search: 'search/text-0.js', practice: 'practice/data.js' };
const attack = `<!doctype html><meta charset="utf-8"><title>elsewhere</title>
<script>
  window.outcome = {};
  window.stolen = [];
  window.prepbookSearch = { add: function (name, data) { window.stolen.push([name, data]); } };
  function done(what, how) { window.outcome[what] = how; }
</script>
${Object.entries(FILES).map(([what, file]) =>
    `<script src="${base}${file}" onload="done('${what}', 'load')" onerror="done('${what}', 'error')"></script>`).join('\n')}
<img src="${base}images/flow.svg" onload="done('image', 'load')" onerror="done('image', 'error')">
`;
const other = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(attack);
});
await new Promise((r) => other.listen(0, '127.0.0.1', r));
const otherPort = other.address().port;

const browser = await launchChromium();
let failed = 0, passed = 0;
async function check(name, fn) {
  const page = await browser.newPage();
  try {
    await fn(page);
    console.log(`ok - ${name}`);
    passed++;
  } catch (e) {
    console.log(`FAIL - ${name}: ${e.message}`);
    failed++;
  } finally {
    await page.close();
  }
}

async function attackFrom(page, origin) {
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => Object.keys(window.outcome).length === 3, null, { timeout: 15000 });
  const seen = await page.evaluate(() => ({
    outcome: window.outcome,
    stolen: window.stolen.length,
    practice: typeof window.prepbookPracticeData,
  }));
  ensure(JSON.stringify(seen.outcome) === JSON.stringify({ search: 'error', practice: 'error', image: 'error' }),
    `from ${origin}, the handbook's files loaded: ${JSON.stringify(seen.outcome)}`);
  ensure(seen.stolen === 0, `from ${origin}, the search text reached the page`);
  ensure(seen.practice === 'undefined', `from ${origin}, the practice data reached the page`);
}

await check('a page on another port of this machine (same-site) reads nothing', (page) =>
  attackFrom(page, `http://127.0.0.1:${otherPort}`));
await check('a page of another site (cross-site) reads nothing', (page) =>
  attackFrom(page, `http://localhost:${otherPort}`));

await check("the handbook's own pages still load the search text and practice data", async (page) => {
  await page.goto(`${base}practice.html`);
  await page.waitForFunction(() => typeof window.prepbookPracticeData === 'object', null, { timeout: 15000 });
  const how = await page.evaluate((src) => new Promise((resolve) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => resolve('load');
    s.onerror = () => resolve('error');
    document.head.appendChild(s);
  }), `${base}search/text-0.js`);
  ensure(how === 'load', `search/text-0.js: ${how}`);
});

await browser.close();
other.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
