// Answering out loud in practice mode, from disk in headless Chromium with its fake microphone
// (--use-fake-device-for-media-stream, permission granted by --use-fake-ui-for-media-stream):
// record, play back, see the length against the target, save only when asked; and the
// messages when the browser cannot record or the permission is refused.
// Usage: node tests/browser/practice-record.test.mjs <built book folder>

import { bookArg, ensure, isShown, runChecks } from './lib.mjs';
import { open as openPage, nextDrill, text, until } from './practice-lib.mjs';

const book = bookArg();
const open = (page, opts) => openPage(page, book, opts);

await runChecks('practice recording', [
  [
    'record an answer, play it back, compare with the target, save it',
    async (page) => {
      const data = await open(page);
      await page.fill('#drill-seconds', '1');
      await page.locator('#drill-seconds').press('Tab');
      await nextDrill(page, data);
      ensure(!(await isShown(page, '#drill-recording')), 'a player shows before any recording');
      await page.click('#drill-record');
      await until(page, 'the recording to start', async () => (await page.getAttribute('#drill-record', 'aria-pressed')) === 'true');
      await page.waitForTimeout(1600);
      await page.click('#drill-record');
      await until(page, 'the recording to be ready', () => isShown(page, '#drill-recording'));
      const status = await text(page, '#drill-record-status');
      ensure(/longer than the 0:01 target/.test(status), `after 1.6 s against 1 s the status reads ${JSON.stringify(status)}`);
      const secs = Number(await page.getAttribute('#drill-record-status', 'data-seconds'));
      ensure(secs >= 1.4 && secs < 4, `the recording measures ${secs} s`);
      const src = await page.getAttribute('#drill-recording', 'src');
      ensure(/^blob:/.test(src), `the player plays ${src}, not an in-page recording`);
      const size = await page.evaluate(async (u) => (await (await fetch(u)).blob()).size, src);
      ensure(size > 0, 'the recording is empty');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#drill-record-save')]);
      ensure(/\.(webm|ogg|m4a)$/.test(download.suggestedFilename()), `the recording is saved as ${download.suggestedFilename()}`);
      // The next question drops it.
      await nextDrill(page, data);
      ensure(!(await isShown(page, '#drill-recording')), 'the recording stays for the next question');
      ensure(await page.evaluate(() => document.querySelector('#drill-recording').getAttribute('src') === null), 'the player still holds the old recording');
    },
  ],
  [
    'a refused microphone says so',
    async (page) => {
      const data = await open(page);
      // Once the page is there: Firefox sets up navigator.mediaDevices after an init script runs.
      await page.evaluate(() => {
        navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
      });
      await nextDrill(page, data);
      await page.click('#drill-record');
      await until(page, 'a message', async () => /not allowed/i.test(await text(page, '#drill-record-status')));
      ensure((await page.getAttribute('#drill-record', 'aria-pressed')) === 'false', 'the button still says it records');
    },
  ],
  [
    'a browser that cannot record says so',
    async (page) => {
      await page.addInitScript(() => { delete window.MediaRecorder; window.MediaRecorder = undefined; });
      const data = await open(page);
      await nextDrill(page, data);
      await page.click('#drill-record');
      const status = await text(page, '#drill-record-status');
      ensure(/cannot record/i.test(status), `#drill-record-status reads ${JSON.stringify(status)}`);
    },
  ],
], { args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] });
