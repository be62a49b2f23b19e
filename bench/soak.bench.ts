import { startHotline } from '../test/helpers/hotline.ts';
import { registerAs101, startTestPbx } from '../test/helpers/pbx.ts';
import { buildRenderer } from '../tools/harness/build-renderer.ts';
import { startBaresip } from '../tools/pbx/stack.ts';
import { round, type Metric } from './lib/stats.ts';

// 500 sequential calls with media in one running core and one Chromium page: every call must end
// cleanly, peer connections must return to 0, and memory must not creep (target < 20 MB growth).

const CALLS = Number(process.env.HOTLINE_SOAK_CALLS ?? 500);

export default async function* soakBench(): AsyncGenerator<Metric> {
  await buildRenderer({ quiet: true });
  const pbx = await startTestPbx();
  const far = await startBaresip(pbx, '1000', 5090, [31000, 31099]);
  const hotline = await startHotline({ logLevel: 'info' });
  const page = hotline.page;
  const cdp = await hotline.browser.newCDPSession(page);
  await cdp.send('Performance.enable');
  const rendererHeap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  };
  const mainHeap = () => {
    globalThis.gc?.();
    return process.memoryUsage().heapUsed;
  };
  try {
    await page.waitForSelector('[data-app-ready="true"]');
    await registerAs101(hotline, pbx);

    let clean = 0;
    let mainStart = 0;
    let rendererStart = 0;
    const started = Date.now();
    for (let i = 0; i < CALLS; i++) {
      // Warm up for 20 calls before taking the baseline: JIT, caches and pools settle first.
      if (i === 20) {
        mainStart = mainHeap();
        rendererStart = await rendererHeap();
      }
      const call = await hotline.call('call:dial', { target: '1000' });
      await hotline.waitForCall((c) => c.id === call.id && c.state === 'active', 10_000);
      await hotline.call('call:hangup', { callId: call.id });
      const ended = await hotline.waitForCall((c) => c.id === call.id && c.state === 'ended', 10_000);
      if (ended.end?.reason === 'local-hangup') clean++;
    }
    const seconds = (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 1000));
    const open = (await hotline.harness.core.media.call('countOpen', {})).peerConnections;
    const mainGrowth = (mainHeap() - mainStart) / 1024 / 1024;
    const rendererGrowth = ((await rendererHeap()) - rendererStart) / 1024 / 1024;
    yield {
      metric: 'soak.calls_ended_cleanly',
      value: clean,
      unit: 'calls',
      n: CALLS,
      seconds: round(seconds, 1),
    };
    yield { metric: 'soak.open_peer_connections_after', value: open, unit: 'count', n: CALLS };
    yield {
      metric: 'soak.main_heap_growth_mb',
      value: round(mainGrowth, 2),
      unit: 'MB',
      n: CALLS - 20,
      gc: typeof globalThis.gc === 'function',
    };
    yield {
      metric: 'soak.renderer_heap_growth_mb',
      value: round(rendererGrowth, 2),
      unit: 'MB',
      n: CALLS - 20,
    };
  } finally {
    await hotline.close();
    await far.stop();
    await pbx.stop();
  }
}
