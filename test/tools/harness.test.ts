import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { MAX_FRAME_BYTES, startHarness, type Harness } from '../../tools/harness/server.ts';
import { createLogger, memorySink } from '../../src/main/core/log/logger.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const dir = makeTempDir();
const sink = memorySink();
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({
    dataDir: dir.path,
    managedSettingsFile: join(dir.path, 'managed.json'),
    log: createLogger(sink),
    systemLocale: 'ru-RU',
  });
});
afterAll(async () => {
  await harness.close();
  dir.cleanup();
});

function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${harness.port}/ipc${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function call(ws: WebSocket, frame: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(String(data));
      if ('id' in message) {
        ws.off('message', onMessage);
        resolve(message.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  });
}

describe('browser harness transport', () => {
  it('refuses a connection without the token, with a wrong token, or from another origin', async () => {
    await expect(connect('')).rejects.toThrow(/403/);
    await expect(connect('?token=wrong')).rejects.toThrow(/403/);
    await expect(connect(`?token=${harness.token}`, { origin: 'https://evil.example' })).rejects.toThrow(
      /403/,
    );
  });

  it('serves the contract to a client with the token', async () => {
    const ws = await connect(`?token=${harness.token}`);
    const info = (await call(ws, { id: 1, channel: 'app:getInfo', payload: {} })) as {
      ok: boolean;
      value: { systemLocale: string; runtime: string };
    };
    expect(info).toMatchObject({ ok: true, value: { systemLocale: 'ru-RU', runtime: 'harness' } });
    ws.close();
  });

  it('answers a malformed payload with BAD_REQUEST and survives garbage frames', async () => {
    const ws = await connect(`?token=${harness.token}`);
    ws.send('this is not json');
    ws.send(JSON.stringify({ channel: 'settings:get' }));
    const bad = await call(ws, { id: 2, channel: 'settings:update', payload: { patch: { language: 42 } } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const good = await call(ws, { id: 3, channel: 'settings:get', payload: {} });
    expect(good).toMatchObject({ ok: true });
    expect(sink.records.some((r) => r.message.includes('not JSON'))).toBe(true);
    ws.close();
  });

  it('pushes events to connected clients', async () => {
    const ws = await connect(`?token=${harness.token}`);
    const event = new Promise<unknown>((resolve) =>
      ws.on('message', (data) => {
        const message = JSON.parse(String(data));
        if (message.event === 'settings:changed') resolve(message.payload);
      }),
    );
    await call(ws, { id: 4, channel: 'settings:update', payload: { patch: { language: 'en' } } });
    expect(await event).toMatchObject({ settings: { language: 'en' } });
    ws.close();
  });

  it('closes a client that sends an oversized frame, and keeps serving others', async () => {
    const ws = await connect(`?token=${harness.token}`);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(MAX_FRAME_BYTES + 1));
    expect(await closed).toBe(1009);
    const other = await connect(`?token=${harness.token}`);
    expect(await call(other, { id: 5, channel: 'status:get', payload: {} })).toMatchObject({ ok: true });
    other.close();
  });
});
