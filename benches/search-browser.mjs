// Times search in headless Chromium on a built handbook opened from file://.
// Usage: node benches/search-browser.mjs <output folder> <a question text to look for>
// Prints: the time from the first keystroke to the first result on screen (index load
// included), and the time of later queries as measured inside the page.
import { chromium } from "../tests/browser/node_modules/playwright-core/index.mjs";

const [book, questionText] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.PREPBOOK_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const context = await browser.newContext();
  await context.setOffline(true);
  const page = await context.newPage();
  await page.goto(`file://${book}/index.html`);
  await page.waitForFunction(() => window.prepbookSearch !== undefined);
  const firstWord = questionText.split(/\s+/).slice(0, 3).join(" ");
  // Type the first character, then measure until a result is drawn.
  const firstMs = await page.evaluate(async (q) => {
    const input = document.getElementById("search-input");
    const start = performance.now();
    input.focus();
    input.value = q;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await new Promise((resolve) => {
      const check = () => document.querySelector("#search-results li.search-result") ? resolve() : requestAnimationFrame(check);
      check();
    });
    return performance.now() - start;
  }, firstWord);
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
  console.log(`first result after first keystroke: ${firstMs.toFixed(0)} ms (index load included)`);
  console.log(`later queries: ${summary(warm)}`);
  console.log(`queries that first load a postings shard: ${summary(cold)}`);
} finally {
  await browser.close();
}
