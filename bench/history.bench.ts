import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHotline } from '../test/helpers/hotline.ts';
import { makeTempDir } from '../test/helpers/temp-dir.ts';
import { buildRenderer } from '../tools/harness/build-renderer.ts';
import { cachedBigDatabase } from './lib/big-database.ts';
import { round, summarize, type Metric } from './lib/stats.ts';

// The call history with a long past: the 1,000,000-call log, "All time" in Chromium. First the list
// is flung down until it holds 100,000 rows (pages load as it goes); then it is scrolled smoothly
// (one step per frame, as a trackpad does) for five seconds down and up, and every frame's interval
// is recorded. "Smooth" means frames keep the display's pace: p95 at or under 2 frames (33 ms),
// and almost no frame over 50 ms.

const TARGET_ROWS = Number(process.env.HOTLINE_BENCH_HISTORY_ROWS ?? 100_000);

// Plain JavaScript run in the page (the Node project has no DOM types).
const PROBE = `(() => {
  const scroller = () => {
    let el = document.querySelector('[data-row-index]')?.parentElement ?? null;
    while (el && el.scrollHeight <= el.clientHeight + 1) el = el.parentElement;
    return el;
  };
  window.__probe = {
    rows: () =>
      Math.max(...[...document.querySelectorAll('[data-row-index]')].map((e) => Number(e.getAttribute('data-row-index')))) + 1,
    fling: () => {
      const el = scroller();
      el.scrollTop = el.scrollHeight;
    },
    smooth: (ms, px) =>
      new Promise((resolve) => {
        const el = scroller();
        const frames = [];
        let last = performance.now();
        const end = last + ms;
        const step = (now) => {
          frames.push(now - last);
          last = now;
          el.scrollTop += px;
          if (now < end) requestAnimationFrame(step);
          else resolve(frames);
        };
        requestAnimationFrame(step);
      }),
  };
})()`;

interface Probe {
  rows(): number;
  fling(): void;
  smooth(ms: number, pxPerFrame: number): Promise<number[]>;
}

export default async function* historyBench(): AsyncGenerator<Metric> {
  await buildRenderer({ quiet: true });
  const big = cachedBigDatabase();
  const dir = makeTempDir('hotline-history-');
  copyFileSync(big.path, join(dir.path, 'hotline.db'));
  const hotline = await startHotline({ logLevel: 'info', dataDir: dir.path, systemLocale: 'en-US' });
  try {
    const { page } = hotline;
    await page.waitForSelector('[data-app-ready="true"]');
    await page.keyboard.press('Control+Digit2');
    await page.getByText('All time', { exact: true }).click();
    await page.locator('[data-row-index]').first().waitFor();
    // In the page: the list's scroll box, rows loaded so far, a fling and a frame-paced scroll.
    await page.evaluate(PROBE);
    type Window = { __probe: Probe };
    const started = performance.now();
    let rows = 0;
    while (rows < TARGET_ROWS && performance.now() - started < 120_000) {
      await page.evaluate(() => (globalThis as unknown as Window).__probe.fling());
      await page.waitForTimeout(30);
      rows = await page.evaluate(() => (globalThis as unknown as Window).__probe.rows());
    }
    const loadSeconds = (performance.now() - started) / 1000;
    // Back a little from the end so both directions have room, then scroll down and up.
    const down = await page.evaluate(() => (globalThis as unknown as Window).__probe.smooth(5000, -40));
    const up = await page.evaluate(() => (globalThis as unknown as Window).__probe.smooth(5000, 40));
    const frames = [...down, ...up].slice(2);
    const summary = summarize(frames);
    yield {
      metric: 'history.scroll_frame_ms',
      value: round(summary.median, 1),
      unit: 'ms',
      n: summary.n,
      p95: round(summary.p95, 1),
      p99: round(summary.p99, 1),
      over_50ms: frames.filter((f) => f > 50).length,
      rows_loaded: rows,
      target: 'p95 <= 33.4 with >= 100,000 rows',
      calls_in_log: big.calls,
    };
    yield {
      metric: 'history.load_rows_per_s',
      value: round(rows / loadSeconds, 0),
      unit: 'rows/s',
      n: rows,
      seconds: round(loadSeconds, 1),
    };
  } finally {
    await hotline.close();
    dir.cleanup();
  }
}
