import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { createLogger } from '../src/main/core/log/logger.ts';
import { startHarness } from '../tools/harness/server.ts';
import { makeTempDir } from '../test/helpers/temp-dir.ts';
import { round, summarize, timeMany, type Metric } from './lib/stats.ts';

// The cost of the IPC contract: a request through the router (schema checks both ways, envelope),
// and the same request over the harness WebSocket, against a bare WebSocket echo as the peer.

const N = 2000;

function roundTripper(ws: WebSocket): (frame: string) => Promise<void> {
  let pending: (() => void) | undefined;
  ws.on('message', () => pending?.());
  return (frame) =>
    new Promise<void>((resolve) => {
      pending = resolve;
      ws.send(frame);
    });
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

export default async function* ipcBench(): AsyncGenerator<Metric> {
  const dir = makeTempDir('hotline-bench-');
  const harness = await startHarness({
    dataDir: dir.path,
    managedSettingsFile: join(dir.path, 'managed.json'),
    log: createLogger(() => undefined),
  });
  const echo = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  echo.on('connection', (ws) => ws.on('message', (data) => ws.send(data)));
  await new Promise((resolve) => echo.once('listening', resolve));
  try {
    const sender = { trusted: true, description: 'bench' };
    const direct = summarize(
      await timeMany(N, () => harness.core.router.dispatch('settings:get', {}, sender)),
    );
    yield {
      metric: 'ipc.router_dispatch_ms',
      value: round(direct.median, 4),
      unit: 'ms',
      n: direct.n,
      p95: round(direct.p95, 4),
      p99: round(direct.p99, 4),
    };

    const client = await open(`ws://127.0.0.1:${harness.port}/ipc?token=${harness.token}`);
    const viaHarness = roundTripper(client);
    let id = 0;
    const harnessSamples = summarize(
      await timeMany(N, () => viaHarness(JSON.stringify({ id: ++id, channel: 'settings:get', payload: {} }))),
    );
    const address = echo.address();
    const peerClient = await open(
      `ws://127.0.0.1:${address && typeof address === 'object' ? address.port : 0}`,
    );
    const viaEcho = roundTripper(peerClient);
    const frame = JSON.stringify({ id: 1, channel: 'settings:get', payload: {} });
    const peerSamples = summarize(await timeMany(N, () => viaEcho(frame)));
    yield {
      metric: 'ipc.harness_roundtrip_ms',
      value: round(harnessSamples.median),
      unit: 'ms',
      n: harnessSamples.n,
      p95: round(harnessSamples.p95),
      peer: 'ws-echo',
      peer_value: round(peerSamples.median),
      ratio: round(harnessSamples.median / peerSamples.median, 2),
    };
    client.close();
    peerClient.close();
  } finally {
    echo.close();
    await harness.close();
    dir.cleanup();
  }
}
