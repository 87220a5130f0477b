// Relevance: queries a candidate would type, each with the page that must be among the first
// three results, run through window.prepbookSearch.query in a built handbook opened from disk.
// Prints every query's rank and the mean reciprocal rank (MRR).
// Usage: node tests/browser/relevance.test.mjs <built book folder> <cases.json>
//
// A case is {"q": "...", "page": "path.html" or ["a.html", "b.html"], "principle": "id"?,
// "kinds": [...]?}; a result counts when its page, or one of its sample answers' pages, is one
// of `page` (fragments ignored).

import { readFileSync } from 'node:fs';
import { bookArg, ensure, fileUrl, pathOf, runChecks } from './lib.mjs';

const book = bookArg();
const casesFile = process.argv[3];
if (!casesFile) {
  console.error('usage: node tests/browser/relevance.test.mjs <built book folder> <cases.json>');
  process.exit(2);
}
const cases = JSON.parse(readFileSync(casesFile, 'utf8'));
const TOP = 3;

await runChecks(`relevance (${cases.length} queries)`, [
  [
    `every query puts its page in the first ${TOP}`,
    async (page) => {
      await page.goto(fileUrl(book, 'index.html'));
      const base = fileUrl(book, 'index.html');
      const missed = [];
      let reciprocal = 0;
      for (const c of cases) {
        const pages = Array.isArray(c.page) ? c.page : [c.page];
        const wanted = pages.map((p) => fileUrl(book, p));
        const results = await page.evaluate(
          ([q, principle, kinds]) => window.prepbookSearch.query(q, { principle, kinds }),
          [c.q, c.principle || '', c.kinds],
        );
        const rank = results.findIndex((r) =>
          [r.url, ...(r.answers || [])].some((u) => wanted.includes(pathOf(new URL(u, base).href))),
        ) + 1;
        reciprocal += rank > 0 ? 1 / rank : 0;
        const filter = c.principle ? ` [principle: ${c.principle}]` : '';
        console.log(`    ${rank > 0 ? `#${rank}` : 'none'}\t${JSON.stringify(c.q)}${filter}`);
        if (rank === 0 || rank > TOP) {
          const top = results.slice(0, 5).map((r, i) => `      ${i + 1}. ${r.url}`).join('\n');
          missed.push(`${JSON.stringify(c.q)}${filter}: ${pages.join(' or ')} is ` +
            `${rank === 0 ? 'not found' : `#${rank}`}\n${top}`);
        }
      }
      const mrr = reciprocal / cases.length;
      console.log(`    mean reciprocal rank: ${mrr.toFixed(3)} over ${cases.length} queries; ` +
        `${cases.length - missed.length} in the first ${TOP}`);
      ensure(missed.length === 0, `${missed.length} queries miss the first ${TOP}:\n${missed.join('\n')}`);
    },
  ],
]);
