import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { createCore, type Core } from '../../src/main/core/create-core.ts';
import type { Logger } from '../../src/main/core/log/logger.ts';
import { createNodePorts } from './node-ports.ts';

// The browser harness: the core under Node, the IPC contract over a loopback WebSocket guarded by a
// random token, and (optionally) the built renderer served from the same origin. DEV ONLY.

export interface HarnessOptions {
  dataDir: string;
  managedSettingsFile: string;
  /** The built renderer (out/renderer); omitted = WebSocket only. */
  staticDir?: string;
  port?: number;
  log: Logger;
  systemLocale?: string;
}

export interface Harness {
  core: Core;
  port: number;
  token: string;
  /** The page to open: the token travels in the fragment, which is never sent to a server. */
  pageUrl: string;
  close(): Promise<void>;
}

/** Fits `contacts:import`: a 20 MB file as base64 (27 MB) in one request. */
export const MAX_FRAME_BYTES = 32 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
};

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function serveStatic(root: string, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
  let file = resolve(root, relative);
  if (file !== root && !file.startsWith(root + sep)) {
    response.writeHead(403).end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  response.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  createReadStream(file).pipe(response);
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const { log } = options;
  const token = randomBytes(24).toString('base64url');
  const core = createCore({
    dataDir: options.dataDir,
    managedSettingsFile: options.managedSettingsFile,
    appInfo: {
      name: 'Hotline',
      version: process.env.npm_package_version ?? '0.0.0',
      platform: process.platform,
      runtime: 'harness',
      versions: { node: process.versions.node },
      systemLocale: () => options.systemLocale ?? Intl.DateTimeFormat().resolvedOptions().locale,
    },
    ports: createNodePorts(options.dataDir, log.child('ports')),
    log,
  });

  await core.start();
  const staticRoot = options.staticDir ? resolve(options.staticDir) : undefined;
  const server: Server = createServer((request, response) => {
    if (!staticRoot) {
      response.writeHead(404).end();
      return;
    }
    serveStatic(staticRoot, request, response);
  });

  const clients = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const origin = request.headers.origin;
    const host = request.headers.host;
    // The token keeps other local programs out; the origin check keeps other web pages out.
    const sameOrigin = origin === undefined || origin === `http://${host}`;
    if (url.pathname !== '/ipc' || !tokensEqual(url.searchParams.get('token') ?? '', token) || !sameOrigin) {
      log.warn('refused a harness connection', { path: url.pathname, origin });
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws));
  });

  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => {
      clients.delete(ws);
      // The page hosted call media: with no page left, calls cannot carry audio.
      if (clients.size === 0) core.media.hostGone('disconnected');
    });
    // Oversized or broken frames: ws closes the socket itself (1009/1002); note why and go on.
    ws.on('error', (error) => log.warn('harness: client connection error', { error: error.message }));
    ws.on('message', async (data) => {
      let message: { id?: unknown; channel?: unknown; payload?: unknown };
      try {
        message = JSON.parse(String(data));
      } catch {
        log.warn('harness: dropped a frame that is not JSON');
        return;
      }
      if (typeof message !== 'object' || message === null || typeof message.id !== 'number') {
        log.warn('harness: dropped a frame without a numeric id');
        return;
      }
      const result = await core.router.dispatch(message.channel, message.payload, {
        trusted: true,
        description: 'harness client',
      });
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id, result }));
    });
  });

  const unsubscribe = core.events.subscribe((channel, payload) => {
    const frame = JSON.stringify({ event: channel, payload });
    for (const client of clients) if (client.readyState === client.OPEN) client.send(frame);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  log.info('harness listening', { port });

  return {
    core,
    port,
    token,
    pageUrl: `http://127.0.0.1:${port}/#token=${token}`,
    async close() {
      unsubscribe();
      for (const client of clients) client.terminate();
      await new Promise<void>((done) => wss.close(() => done()));
      await new Promise<void>((done) => server.close(() => done()));
      await core.close();
    },
  };
}
