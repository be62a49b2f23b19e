import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

// A sync receiver that honours the contract in docs/sync/README.md: checks the bearer token and
// the HMAC signature, keeps the first copy of each Idempotency-Key and acknowledges repeats. Used by
// the tests and the benchmark (with scripted misbehaviour), and by developers and IT to try an
// installation: `node tools/sync/receiver.ts --port 8787 --token T --signing-key K`.

export interface ReceivedRecord {
  key: string;
  type: string;
  callId: string;
  body: unknown;
  receivedAt: number;
}

/** What the receiver does with one request (n counts every request, from 1). */
export type Behaviour =
  | { kind: 'ok' }
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  /** 200 with an HTML page (a proxy or captive portal answering instead of the receiver). */
  | { kind: 'html' }
  /** 200 with bytes that are not JSON. */
  | { kind: 'garbage' }
  /** Answer correctly, but only after this long. */
  | { kind: 'delay'; ms: number; then?: Behaviour }
  /** Store the record, then fail (500) or drop the connection: the client must send it again. */
  | { kind: 'store-then-fail'; how: '500' | 'reset' }
  /** Drop the connection without storing. */
  | { kind: 'reset' };

export interface ReceiverOptions {
  port?: number;
  token?: string;
  signingKey?: string;
  behaviour?: (n: number, request: http.IncomingMessage) => Behaviour;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
}

export interface Receiver {
  url: string;
  port: number;
  /** First copies, in the order they were stored. */
  records: ReceivedRecord[];
  /** Every request that reached the handler (including repeats and refused ones). */
  requests: () => number;
  duplicates: () => number;
  /** Requests refused for a wrong token or signature. */
  refused: () => number;
  setBehaviour(behaviour: ReceiverOptions['behaviour']): void;
  close(): Promise<void>;
}

function verifySignature(header: string | undefined, key: string, body: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', key).update(`${match[1]}.${body}`).digest();
  const given = Buffer.from(match[2]!, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  const stored = new Map<string, ReceivedRecord>();
  const records: ReceivedRecord[] = [];
  let requests = 0;
  let duplicates = 0;
  let refused = 0;
  let behaviour = options.behaviour ?? (() => ({ kind: 'ok' }) as Behaviour);

  const store = (key: string, body: string): 'created' | 'duplicate' => {
    if (stored.has(key)) {
      duplicates++;
      return 'duplicate';
    }
    const parsed = JSON.parse(body) as { type: string; data: { callId: string } };
    const record = {
      key,
      type: parsed.type,
      callId: parsed.data.callId,
      body: parsed,
      receivedAt: Date.now(),
    };
    stored.set(key, record);
    records.push(record);
    return 'created';
  };

  const json = (res: http.ServerResponse, status: number, value: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(value));
  };

  const act = (
    step: Behaviour,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    key: string,
    body: string,
  ): void => {
    switch (step.kind) {
      case 'ok':
        return json(res, 200, { id: key, status: store(key, body) });
      case 'status':
        res.writeHead(step.status, { 'Content-Type': 'text/plain', ...step.headers });
        return void res.end(step.body ?? `status ${step.status}`);
      case 'html':
        res.writeHead(200, { 'Content-Type': 'text/html' });
        return void res.end('<!doctype html><html><body><h1>Please log in to the network</h1></body></html>');
      case 'garbage':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return void res.end('\u0000\u00ff{"id": ');
      case 'delay':
        setTimeout(() => {
          if (!res.destroyed) act(step.then ?? { kind: 'ok' }, req, res, key, body);
        }, step.ms);
        return;
      case 'store-then-fail':
        store(key, body);
        if (step.how === '500') return json(res, 500, { error: 'database hiccup' });
        return void req.socket.destroy();
      case 'reset':
        return void req.socket.destroy();
    }
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const n = ++requests;
      const body = Buffer.concat(chunks).toString('utf8');
      const key = req.headers['idempotency-key'];
      if (req.method !== 'POST' || typeof key !== 'string') return json(res, 400, { error: 'bad request' });
      if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) {
        refused++;
        return json(res, 401, { error: 'unauthorized' });
      }
      const signature = req.headers['x-hotline-signature'];
      if (
        options.signingKey !== undefined &&
        !verifySignature(typeof signature === 'string' ? signature : undefined, options.signingKey, body)
      ) {
        refused++;
        return json(res, 401, { error: 'bad signature' });
      }
      let id: unknown;
      try {
        id = (JSON.parse(body) as { id?: unknown }).id;
      } catch {
        return json(res, 400, { error: 'not JSON' });
      }
      if (id !== key) return json(res, 422, { error: 'Idempotency-Key differs from the record id' });
      act(behaviour(n, req), req, res, key, body);
    });
  };
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `${options.tls ? 'https' : 'http'}://${options.tls ? 'localhost' : '127.0.0.1'}:${port}/hotline/records`,
    port,
    records,
    requests: () => requests,
    duplicates: () => duplicates,
    refused: () => refused,
    setBehaviour(next) {
      behaviour = next ?? (() => ({ kind: 'ok' }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? process.argv[index + 1] : undefined;
  };
  const receiver = await startReceiver({
    port: Number(arg('port') ?? 8787),
    token: arg('token'),
    signingKey: arg('signing-key'),
  });
  console.log(`Hotline sync receiver on ${receiver.url} (Ctrl+C to stop)`);
  let shown = 0;
  setInterval(() => {
    for (; shown < receiver.records.length; shown++) {
      const record = receiver.records[shown]!;
      console.log(`${new Date(record.receivedAt).toISOString()} ${record.type} call=${record.callId}`);
    }
  }, 500);
}
