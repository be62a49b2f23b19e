import { getCACertificates, rootCertificates } from 'node:tls';
import { EmitterImpl, TransportState, type Emitter, type Transport } from 'sip.js';
import { WebSocket } from 'ws';
import type { Logger } from '../log/logger.ts';
import { precheckSipMessage } from './sip-precheck.ts';

// SIP over WebSocket (RFC 7118) for the core under Node and in Electron's main process. Written for
// three things SIP.js's browser transport cannot do here: trust an IT-provided CA (SBCs terminate
// wss with internal certificates, and Node does not read the OS store by itself), cap the size of
// incoming frames, and detect a dead connection with WebSocket pings. Reconnecting is not done here:
// the registration supervisor owns that, so there is one policy for every kind of failure.

export type TransportFailure =
  | 'server-unreachable'
  | 'certificate-not-trusted'
  | 'certificate-expired'
  | 'certificate-name-mismatch'
  | 'websocket-refused'
  | 'connect-timeout'
  | 'keepalive-failed'
  | 'connection-lost'
  | 'frame-too-large';

export class TransportError extends Error {
  readonly failure: TransportFailure;
  constructor(failure: TransportFailure, message: string) {
    super(message);
    this.name = 'TransportError';
    this.failure = failure;
  }
}

export interface WsTransportOptions {
  server: string;
  /** Extra PEM certificates trusted besides Node's bundled list and the OS store (IT's CA bundle). */
  extraCaPem?: string;
  connectTimeoutMs?: number;
  /** WebSocket ping interval; a missing pong within the same time counts as a dead connection. */
  keepAliveIntervalMs?: number;
  /** Messages larger than this are dropped (logged); the connection and its calls stay up. */
  maxMessageBytes?: number;
  log: Logger;
  /** Notified of every failure, for the operator-facing reason (the supervisor listens). */
  onFailure?: (error: TransportError) => void;
}

const TLS_NOT_TRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

export function classifyConnectError(error: NodeJS.ErrnoException): TransportFailure {
  const code = error.code ?? '';
  if (TLS_NOT_TRUSTED.has(code)) return 'certificate-not-trusted';
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return 'certificate-expired';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'certificate-name-mismatch';
  return 'server-unreachable';
}

/** Node's bundled CAs + the OS store (where Node can read it) + IT's bundle. */
export function trustedCertificates(extraCaPem?: string): string[] {
  let system: string[] = [];
  try {
    system = getCACertificates('system');
  } catch {
    // Older runtimes or platforms without a readable store: bundled + IT's bundle still apply.
  }
  const extra = extraCaPem
    ? (extraCaPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [])
    : [];
  return [...new Set([...rootCertificates, ...system, ...extra])];
}

export function createWsTransportClass(options: WsTransportOptions) {
  const { log } = options;
  const connectTimeoutMs = options.connectTimeoutMs ?? 5000;
  const keepAliveMs = options.keepAliveIntervalMs ?? 15_000;
  const maxMessageBytes = options.maxMessageBytes ?? 64 * 1024;
  // A frame beyond this closes the connection (memory protection); between the two caps it is dropped.
  const hardFrameBytes = Math.max(maxMessageBytes * 16, 1024 * 1024);
  const ca =
    new URL(options.server).protocol === 'wss:' ? trustedCertificates(options.extraCaPem) : undefined;

  return class NodeWsTransport implements Transport {
    onConnect: (() => void) | undefined;
    onDisconnect: ((error?: Error) => void) | undefined;
    onMessage: ((message: string) => void) | undefined;
    readonly protocol = new URL(options.server).protocol === 'wss:' ? 'WSS' : 'WS';
    private readonly emitter = new EmitterImpl<TransportState>();
    private currentState = TransportState.Disconnected;
    private socket: WebSocket | undefined;
    private connecting: Promise<void> | undefined;
    private keepAliveTimer: ReturnType<typeof setInterval> | undefined;
    private awaitingPong = false;

    get state(): TransportState {
      return this.currentState;
    }

    get stateChange(): Emitter<TransportState> {
      return this.emitter;
    }

    isConnected(): boolean {
      return this.currentState === TransportState.Connected;
    }

    connect(): Promise<void> {
      if (this.currentState === TransportState.Connected) return Promise.resolve();
      if (this.connecting) return this.connecting;
      this.setState(TransportState.Connecting);
      this.connecting = new Promise<void>((resolve, reject) => {
        const socket = new WebSocket(options.server, 'sip', {
          ca,
          maxPayload: hardFrameBytes,
          handshakeTimeout: connectTimeoutMs,
          perMessageDeflate: false,
        });
        this.socket = socket;
        let opened = false;

        const fail = (error: TransportError) => {
          options.onFailure?.(error);
          if (!opened) {
            this.connecting = undefined;
            this.teardown(socket);
            this.setState(TransportState.Disconnected);
            reject(error);
          }
        };

        socket.on('open', () => {
          opened = true;
          this.connecting = undefined;
          log.info('connected', { server: options.server });
          this.setState(TransportState.Connected);
          this.startKeepAlive(socket);
          this.onConnect?.();
          resolve();
        });
        socket.on('unexpected-response', (_request, response) => {
          fail(
            new TransportError(
              'websocket-refused',
              `The server refused the WebSocket (HTTP ${response.statusCode})`,
            ),
          );
          socket.terminate();
        });
        socket.on('error', (error: NodeJS.ErrnoException) => {
          if (error.message.includes('Max payload size exceeded')) {
            log.warn('dropped the connection: incoming frame over the hard size cap', { hardFrameBytes });
            options.onFailure?.(new TransportError('frame-too-large', error.message));
            return;
          }
          if (error.message.includes('Opening handshake has timed out')) {
            fail(
              new TransportError(
                'connect-timeout',
                `No answer from ${options.server} within ${connectTimeoutMs} ms`,
              ),
            );
            return;
          }
          log.warn('socket error', { code: error.code, message: error.message });
          fail(new TransportError(classifyConnectError(error), error.message));
        });
        socket.on('pong', () => {
          this.awaitingPong = false;
        });
        socket.on('message', (data, isBinary) => {
          const size = Array.isArray(data)
            ? data.reduce((n, b) => n + b.length, 0)
            : (data as Buffer).byteLength;
          if (size > maxMessageBytes) {
            log.warn('dropped an oversized SIP message', { size, maxMessageBytes });
            return;
          }
          const text = isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString();
          // RFC 5626 keep-alive CRLFs carry no message.
          if (text.trim() === '') return;
          const verdict = precheckSipMessage(text);
          if (verdict.action !== 'pass') {
            const method = verdict.method.slice(0, 32);
            if (verdict.action === 'drop') {
              log.warn('dropped a SIP message SIP.js cannot handle safely', {
                method,
                reason: verdict.reason,
              });
              return;
            }
            log.info('refused a SIP request before SIP.js', {
              method,
              status: verdict.status,
              reason: verdict.reason,
            });
            socket.send(verdict.response);
            return;
          }
          try {
            this.onMessage?.(text);
          } catch (error) {
            // A malformed message must never take the connection (or the app) down.
            log.warn('SIP.js threw on an incoming message; dropped', { error });
          }
        });
        socket.on('close', (code, reason) => {
          const wasConnected = opened && this.socket === socket;
          this.teardown(socket);
          if (!wasConnected) return;
          this.setState(TransportState.Disconnected);
          const expected = this.closingOnPurpose;
          this.closingOnPurpose = false;
          if (expected) {
            this.onDisconnect?.();
            return;
          }
          const error = new TransportError(
            this.keepAliveFailed ? 'keepalive-failed' : 'connection-lost',
            `Connection closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`,
          );
          this.keepAliveFailed = false;
          log.warn('connection lost', { code, failure: error.failure });
          options.onFailure?.(error);
          this.onDisconnect?.(error);
        });
      });
      return this.connecting;
    }

    private closingOnPurpose = false;
    private keepAliveFailed = false;

    async disconnect(): Promise<void> {
      const socket = this.socket;
      if (!socket || this.currentState === TransportState.Disconnected) return;
      this.closingOnPurpose = true;
      this.setState(TransportState.Disconnecting);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          socket.terminate();
          resolve();
        }, 1000);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        socket.close(1000, 'bye');
      });
    }

    dispose(): Promise<void> {
      return this.disconnect();
    }

    send(message: string): Promise<void> {
      const socket = this.socket;
      if (!socket || socket.readyState !== WebSocket.OPEN) {
        return Promise.reject(new TransportError('connection-lost', 'Not connected'));
      }
      return new Promise((resolve, reject) =>
        socket.send(message, (error) => (error ? reject(error) : resolve())),
      );
    }

    private startKeepAlive(socket: WebSocket): void {
      this.stopKeepAlive();
      this.awaitingPong = false;
      this.keepAliveTimer = setInterval(() => {
        if (this.awaitingPong) {
          // No pong since the last ping: the path is dead even if TCP has not noticed yet.
          this.keepAliveFailed = true;
          log.warn('keep-alive failed: no pong', { intervalMs: keepAliveMs });
          socket.terminate();
          return;
        }
        this.awaitingPong = true;
        socket.ping();
      }, keepAliveMs);
      this.keepAliveTimer.unref?.();
    }

    private stopKeepAlive(): void {
      if (this.keepAliveTimer) clearInterval(this.keepAliveTimer);
      this.keepAliveTimer = undefined;
    }

    /** Forgets a socket for good: timers stopped, listeners kept only until it closes. */
    private teardown(socket: WebSocket): void {
      if (this.socket !== socket) return;
      this.stopKeepAlive();
      this.socket = undefined;
    }

    private setState(next: TransportState): void {
      if (this.currentState === next) return;
      this.currentState = next;
      this.emitter.emit(next);
    }
  };
}
