import { afterEach, describe, expect, it } from 'vitest';
import { createServer as createHttpsServer } from 'node:https';
import { TransportState } from 'sip.js';
import { WebSocketServer, type WebSocket } from 'ws';
import { createWsTransportClass, TransportError } from '../../../../src/main/core/phone/ws-transport.ts';
import { createLogger, memorySink } from '../../../../src/main/core/log/logger.ts';
import { makeTempDir } from '../../../helpers/temp-dir.ts';
import { makeSelfSignedCert } from '../../../helpers/tls-cert.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function sipServer(options: { autoPong?: boolean } = {}) {
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    handleProtocols: () => 'sip',
    autoPong: options.autoPong ?? true,
  });
  await new Promise((resolve) => wss.once('listening', resolve));
  const sockets: WebSocket[] = [];
  wss.on('connection', (ws) => sockets.push(ws));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.terminate();
        wss.close(() => resolve());
      }),
  );
  const port = (wss.address() as { port: number }).port;
  return { url: `ws://127.0.0.1:${port}`, sockets, wss };
}

function transport(server: string, extra: Partial<Parameters<typeof createWsTransportClass>[0]> = {}) {
  const sink = memorySink();
  const failures: TransportError[] = [];
  const Transport = createWsTransportClass({
    server,
    log: createLogger(sink),
    onFailure: (e) => failures.push(e),
    ...extra,
  });
  const t = new Transport();
  cleanups.push(() => t.dispose());
  return { t, sink, failures };
}

describe('SIP WebSocket transport', () => {
  it('connects with the sip subprotocol, sends and receives', async () => {
    const server = await sipServer();
    const { t } = transport(server.url);
    const states: TransportState[] = [];
    t.stateChange.addListener((s) => states.push(s));
    const received: string[] = [];
    t.onMessage = (m) => received.push(m);
    await t.connect();
    expect(t.isConnected()).toBe(true);
    expect(server.sockets[0]!.protocol).toBe('sip');
    const got = new Promise<string>((resolve) =>
      server.sockets[0]!.once('message', (d) => resolve(String(d))),
    );
    await t.send('OPTIONS sip:x SIP/2.0\r\n\r\n');
    expect(await got).toContain('OPTIONS');
    server.sockets[0]!.send('SIP/2.0 200 OK\r\n\r\n');
    await expect.poll(() => received).toEqual(['SIP/2.0 200 OK\r\n\r\n']);
    await t.disconnect();
    expect(states).toEqual([
      TransportState.Connecting,
      TransportState.Connected,
      TransportState.Disconnecting,
      TransportState.Disconnected,
    ]);
  });

  it('drops an oversized message, logs it, and keeps the connection', async () => {
    const server = await sipServer();
    const { t, sink } = transport(server.url, { maxMessageBytes: 1024 });
    const received: string[] = [];
    t.onMessage = (m) => received.push(m);
    await t.connect();
    server.sockets[0]!.send('X'.repeat(5000));
    server.sockets[0]!.send('SIP/2.0 200 OK\r\n\r\n');
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toContain('200 OK');
    expect(t.isConnected()).toBe(true);
    expect(sink.records.some((r) => r.message.includes('oversized'))).toBe(true);
  });

  it('ignores keep-alive CRLFs and survives a handler that throws', async () => {
    const server = await sipServer();
    const { t } = transport(server.url);
    let calls = 0;
    t.onMessage = () => {
      calls++;
      throw new Error('parser blew up');
    };
    await t.connect();
    server.sockets[0]!.send('\r\n\r\n');
    server.sockets[0]!.send('garbage');
    await expect.poll(() => calls).toBe(1);
    expect(t.isConnected()).toBe(true);
  });

  it('answers a request SIP.js must not see itself, without handing it over', async () => {
    const server = await sipServer();
    const { t, sink } = transport(server.url);
    const received: string[] = [];
    t.onMessage = (m) => received.push(m);
    await t.connect();
    const reply = new Promise<string>((resolve) =>
      server.sockets[0]!.once('message', (d) => resolve(String(d))),
    );
    server.sockets[0]!.send(
      [
        'INVITE sip:101@127.0.0.1 SIP/2.0',
        'Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bKnoct',
        'From: <sip:666@127.0.0.1>;tag=a',
        'To: <sip:101@127.0.0.1>',
        'Call-ID: noct@test',
        'CSeq: 1 INVITE',
        'Content-Length: 4',
        '',
        'v=0\n',
      ].join('\r\n'),
    );
    expect((await reply).split('\r\n')[0]).toBe('SIP/2.0 400 Missing Content-Type');
    server.sockets[0]!.send('SIP/2.0 200 OK\r\n\r\n');
    await expect.poll(() => received).toEqual(['SIP/2.0 200 OK\r\n\r\n']);
    expect(sink.records.some((r) => r.message.includes('refused a SIP request'))).toBe(true);
  });

  it('reports an unreachable server', async () => {
    const { t, failures } = transport('ws://127.0.0.1:9');
    await expect(t.connect()).rejects.toMatchObject({ failure: 'server-unreachable' });
    expect(t.state).toBe(TransportState.Disconnected);
    expect(failures[0]?.failure).toBe('server-unreachable');
  });

  it('reports a dropped connection to onDisconnect with the reason', async () => {
    const server = await sipServer();
    const { t } = transport(server.url);
    const lost = new Promise<Error | undefined>((resolve) => (t.onDisconnect = resolve));
    await t.connect();
    server.sockets[0]!.terminate();
    expect(await lost).toMatchObject({ failure: 'connection-lost' });
    expect(t.isConnected()).toBe(false);
    await expect(t.send('x')).rejects.toBeInstanceOf(TransportError);
  });

  it('detects a dead path with pings (no pong) and reports keepalive-failed', async () => {
    const server = await sipServer({ autoPong: false });
    const { t } = transport(server.url, { keepAliveIntervalMs: 100 });
    const lost = new Promise<Error | undefined>((resolve) => (t.onDisconnect = resolve));
    await t.connect();
    expect(await lost).toMatchObject({ failure: 'keepalive-failed' });
  });

  it('a clean disconnect is not reported as a failure', async () => {
    const server = await sipServer();
    const { t, failures } = transport(server.url);
    let reason: unknown = 'not called';
    t.onDisconnect = (e) => (reason = e);
    await t.connect();
    await t.disconnect();
    expect(reason).toBeUndefined();
    expect(failures).toEqual([]);
  });

  describe('TLS trust', () => {
    async function tlsServer() {
      const dir = makeTempDir();
      cleanups.push(() => dir.cleanup());
      const { key, cert } = makeSelfSignedCert(dir.path);
      const https = createHttpsServer({ key, cert });
      const wss = new WebSocketServer({ server: https, handleProtocols: () => 'sip' });
      await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
      cleanups.push(
        () =>
          new Promise<void>((resolve) => {
            for (const c of wss.clients) c.terminate();
            wss.close();
            https.close(() => resolve());
          }),
      );
      return { url: `wss://127.0.0.1:${(https.address() as { port: number }).port}`, cert };
    }

    it('refuses a certificate nobody vouches for, and says so', async () => {
      const server = await tlsServer();
      const { t } = transport(server.url);
      await expect(t.connect()).rejects.toMatchObject({ failure: 'certificate-not-trusted' });
    });

    it('trusts the certificate once IT provides its CA', async () => {
      const server = await tlsServer();
      const { t } = transport(server.url, { extraCaPem: `# IT bundle\n${server.cert}` });
      await t.connect();
      expect(t.isConnected()).toBe(true);
    });
  });
});
