// Times search in headless Chromium on a built handbook opened from file://.
// Usage: node benches/search-browser.mjs <output folder> <a question text to look for>
// Prints: the time from the first keystroke to the first result on screen, for a reader who
// types as soon as the page has loaded (the index loads then, whatever was already preloaded
// counts) and for one who types a second after search.js has loaded the index, and the time of
// later queries as measured inside the page. The first two are medians over five fresh pages.
import { chromium } from "../tests/browser/node_modules/playwright-core/index.mjs";

const [book, questionText] = process.argv.slice(2);
const firstWord = questionText.split(/\s+/).slice(0, 3).join(" ");
const browser = await chromium.launch({
  executablePath: process.env.PREPBOOK_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const context = await browser.newContext();
  await context.setOffline(true);
  // Types `q` into the header's field in one input event, and measures until a result is drawn.
  const typeAndWait = (q) => {
    const input = document.getElementById("search-input");
    const start = performance.now();
    input.focus();
    input.value = q;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    return new Promise((resolve) => {
      const check = () => document.querySelector("#search-results li.search-result")
        ? resolve(performance.now() - start) : requestAnimationFrame(check);
      check();
    });
  };
  // Each first-keystroke figure is the median of a few fresh pages: one page's figure moves by
  // tens of milliseconds with whatever else the machine does.
  const TRIES = 5;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const range = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
  // Right after load: typed as soon as the page's scripts have set up (just after
  // DOMContentLoaded), before the load event and any idle time; nothing is preloaded yet.
  const earlyTimes = [];
  let preloadedEarly = false;
  for (let i = 0; i < TRIES; i++) {
    const early = await context.newPage();
    await early.addInitScript(`(${(typeAndWait, q) => {
      document.addEventListener("DOMContentLoaded", () => setTimeout(() => {
        window.benchPreloaded = window.prepbookSearch.loaded;
        window.benchFirst = typeAndWait(q);
      }, 0));
    }})(${typeAndWait}, ${JSON.stringify(firstWord)})`);
    await early.goto(`file://${book}/index.html`);
    await early.waitForFunction(() => window.benchFirst !== undefined);
    earlyTimes.push(await early.evaluate(() => window.benchFirst));
    preloadedEarly ||= await early.evaluate(() => window.benchPreloaded);
    await early.close();
  }
  // After idle: the page has loaded the index on its own, and the reader types a second later
  // (a fixed moment, so that whatever else the page does on opening is over in every build).
  const idleTimes = [];
  let page;
  for (let i = 0; i < TRIES; i++) {
    if (page) { await page.close(); }
    page = await context.newPage();
    await page.goto(`file://${book}/index.html`);
    await page.waitForFunction(() => window.prepbookSearch !== undefined && window.prepbookSearch.loaded, null, { timeout: 60_000 });
    await page.waitForTimeout(1000);
    idleTimes.push(await page.evaluate(`(${typeAndWait})(${JSON.stringify(firstWord)})`));
  }
  const queries = ["customer", "deadline budget", "warehous", "forcast", "tell me about a time", questionText,
    "dashboard latency", "vendor audit", "escalation", "roadmap pilot review"];
  const run = (q) => page.evaluate(async (q) => {
    await window.prepbookSearch.query(q, {});
    return window.prepbookSearch.lastQueryMs;
  }, q);
  const summary = (times) => {
    const t = [...times].sort((a, b) => a - b);
    return `median ${t[Math.floor(t.length / 2)].toFixed(1)} ms, max ${t[t.length - 1].toFixed(1)} ms over ${t.length}`;
  };
  // Round 1 meets words whose postings are not loaded yet; later rounds are what typing
  // and refining a search costs once the index is in memory.
  const cold = [];
  for (const q of queries) { cold.push(await run(q)); }
  const warm = [];
  for (let round = 0; round < 3; round++) {
    for (const q of queries) { warm.push(await run(q)); }
  }
  console.log(`first result after first keystroke, typed right after load: median ${median(earlyTimes).toFixed(0)} ms, ${range(earlyTimes)} over ${TRIES} pages (index load included${preloadedEarly ? ", but it was preloaded already" : ""})`);
  console.log(`first result after first keystroke, typed 1 s after the index loaded: median ${median(idleTimes).toFixed(0)} ms, ${range(idleTimes)} over ${TRIES} pages`);
  console.log(`later queries: ${summary(warm)}`);
  console.log(`queries that first load a postings shard: ${summary(cold)}`);
} finally {
  await browser.close();
}
