// Wide images and tables fit the screen: no page is wider than the window at 360 and 1280 px
// (document.scrollingElement.scrollWidth <= innerWidth); an image wider than the column is
// scaled down with its proportions kept; a wide table scrolls inside its own box.
// Usage: node tests/browser/fit.test.mjs <built book folder> <page>... (the wide-content fixture)
import { bookArg, ensure, fileUrl, runChecks } from './lib.mjs';

const dir = bookArg();
const pages = process.argv.slice(3);
if (pages.length === 0) {
  console.error('error: name at least one page of the build');
  process.exit(2);
}

// What the pages showed, to be sure the fixture still has something wide to measure.
const seen = { images: 0, scrolling: 0 };
const checks = [];
for (const width of [360, 1280]) {
  for (const rel of pages) {
    checks.push([`${rel} at ${width} px`, async (page) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(fileUrl(dir, rel));
      await page.waitForLoadState('load');
      const m = await page.evaluate(() => {
        const main = document.querySelector('main');
        const images = [...document.querySelectorAll('main img')].map((img) => {
          const r = img.getBoundingClientRect();
          return {
            src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0,
            natural: [img.naturalWidth, img.naturalHeight], box: [r.left, r.right, r.width, r.height],
          };
        });
        const tables = [...document.querySelectorAll('main table')].map((t) => {
          const r = t.getBoundingClientRect();
          return { box: [r.left, r.right], scrollWidth: t.scrollWidth, clientWidth: t.clientWidth };
        });
        const mr = main.getBoundingClientRect();
        return {
          scrollWidth: document.scrollingElement.scrollWidth, innerWidth,
          main: [mr.left, mr.right], images, tables,
        };
      });
      ensure(m.scrollWidth <= m.innerWidth, `the page is ${m.scrollWidth} px wide in a ${m.innerWidth} px window`);
      seen.images += m.images.length;
      for (const img of m.images) {
        ensure(img.loaded, `${img.src} did not load`);
        const [left, right, w, h] = img.box;
        ensure(left >= m.main[0] - 0.5 && right <= m.main[1] + 0.5,
          `${img.src} spans ${left}-${right} px, outside the column ${m.main[0]}-${m.main[1]} px`);
        ensure(w < img.natural[0], `${img.src} is shown ${w} px wide, not scaled down from ${img.natural[0]} px`);
        const ratio = img.natural[0] / img.natural[1];
        ensure(Math.abs(w / h - ratio) < 0.02 * ratio, `${img.src} is distorted: ${w}x${h} for ${img.natural.join('x')}`);
      }
      for (const t of m.tables) {
        ensure(t.box[0] >= m.main[0] - 0.5 && t.box[1] <= m.main[1] + 0.5,
          `a table spans ${t.box.join('-')} px, outside the column ${m.main.join('-')} px`);
      }
      seen.scrolling += m.tables.filter((t) => t.scrollWidth > t.clientWidth).length;
      console.log(`# ${rel} at ${width}: ${m.scrollWidth} px wide in ${m.innerWidth} px; images ${m.images.map((i) => Math.round(i.box[2])).join(', ')} px wide`);
    }]);
  }
}
checks.push(['the pages hold wide images and a table that scrolls in its own box', async () => {
  ensure(seen.images > 0, 'no page showed an image');
  ensure(seen.scrolling > 0, 'no wide table scrolls inside its own box');
}]);
await runChecks('wide images and tables', checks);
