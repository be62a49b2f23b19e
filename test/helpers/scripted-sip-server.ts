import { WebSocketServer, type WebSocket } from 'ws';
import type { HotlineUnderTest } from './hotline.ts';

// A "PBX" that is only a WebSocket peer: it accepts any REGISTER and records everything Hotline
// sends, and the test writes every other message itself, exactly as bad as it wants it.

export interface ScriptedSipServer {
  url: string;
  /** Every frame Hotline sent, in order. */
  received: string[];
  /** The current connection (the last one Hotline opened). */
  peer(): WebSocket;
  /** How many connections Hotline has opened (a reconnect makes it more than one). */
  connections(): number;
  close(): Promise<void>;
}

function answerRegister(message: string): string | undefined {
  if (!message.startsWith('REGISTER ')) return undefined;
  const header = (name: string) => new RegExp(`^${name}:.*$`, 'im').exec(message)?.[0] ?? '';
  return [
    'SIP/2.0 200 OK',
    header('Via'),
    header('From'),
    `${header('To')};tag=srv1`,
    header('Call-ID'),
    header('CSeq'),
    `${header('Contact')};expires=600`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

export async function startScriptedSipServer(): Promise<ScriptedSipServer> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
  await new Promise((r) => server.once('listening', r));
  const received: string[] = [];
  let peer: WebSocket | undefined;
  let connections = 0;
  server.on('connection', (ws) => {
    connections++;
    peer = ws;
    ws.on('message', (data) => {
      const text = String(data);
      received.push(text);
      const reply = answerRegister(text);
      if (reply) ws.send(reply);
    });
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as { port: number }).port}`,
    received,
    peer: () => {
      if (!peer) throw new Error('Hotline has not connected');
      return peer;
    },
    connections: () => connections,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Hotline signs in to the scripted server as 101 and waits until it is registered. */
export async function registerWithScriptedServer(
  hotline: HotlineUnderTest,
  server: ScriptedSipServer,
): Promise<void> {
  await hotline.call('account:save', {
    account: { wssUrl: server.url, sipUri: 'sip:101@127.0.0.1' },
    password: 'x',
  });
  await hotline.waitForRegistration('registered');
}
