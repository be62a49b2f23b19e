import {
  Registerer,
  RegistererState,
  UserAgent,
  type Invitation,
  type SessionDescriptionHandlerFactory,
} from 'sip.js';
import type { Logger } from '../log/logger.ts';
import { reasonForRegisterResponse, type RegistrationReason } from './registration-reason.ts';
import { sipLogConnector } from './sip-log.ts';
import { createWsTransportClass, TransportError } from './ws-transport.ts';

// One SIP identity on one server: a SIP.js UserAgent (kept for the account's lifetime, so calls
// survive a reconnect) with its WebSocket transport and a Registerer (recreated when it gets stuck).

export interface EndpointConfig {
  wsUrl: string;
  sipUri: string;
  authUser: string;
  /** The password, or its HA1 digest when `secretKind` says so. */
  password: string;
  secretKind?: 'password' | 'ha1';
  displayName: string;
  expires: number;
  extraCaPem?: string;
  userAgentString: string;
  keepAliveIntervalMs?: number;
  noAnswerTimeoutS?: number;
  sessionDescriptionHandlerFactory?: SessionDescriptionHandlerFactory;
  onInvite?: (invitation: Invitation) => void;
  log: Logger;
}

export type RegisterOutcome =
  { ok: true } | { ok: false; reason: RegistrationReason; statusCode?: number; retryAfterS?: number };

export interface SipEndpoint {
  readonly ua: UserAgent;
  isConnected(): boolean;
  /** Connects (or reconnects) the transport. Rejects with a TransportError. */
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  register(timeoutMs: number): Promise<RegisterOutcome>;
  /** Throws the current Registerer away (it stopped answering) and makes a new one. */
  recreateRegisterer(): Promise<void>;
  /** Transport lost or registration dropped without us asking. */
  onLost(listener: (reason: RegistrationReason) => void): () => void;
  dispose(): Promise<void>;
}

export function createSipEndpoint(config: EndpointConfig): SipEndpoint {
  const { log } = config;
  const uri = UserAgent.makeURI(config.sipUri);
  if (!uri) throw new Error(`Invalid SIP URI: ${config.sipUri}`);
  const lostListeners = new Set<(reason: RegistrationReason) => void>();
  const lost = (reason: RegistrationReason) => {
    for (const listener of lostListeners) listener(reason);
  };
  let lastTransportFailure: TransportError | undefined;

  const ua = new UserAgent({
    uri,
    authorizationUsername: config.authUser || uri.user,
    // SIP.js answers the digest challenge from HA1 directly when it is given one.
    ...(config.secretKind === 'ha1'
      ? { authorizationHa1: config.password }
      : { authorizationPassword: config.password }),
    displayName: config.displayName || undefined,
    transportConstructor: createWsTransportClass({
      server: config.wsUrl,
      extraCaPem: config.extraCaPem,
      keepAliveIntervalMs: config.keepAliveIntervalMs,
      log: log.child('transport'),
      onFailure: (error) => (lastTransportFailure = error),
    }),
    // The supervisor reconnects with its own policy; SIP.js's fixed-delay loop stays off.
    reconnectionAttempts: 0,
    logBuiltinEnabled: false,
    // Full SIP traces only when debug logging is on: formatting them costs milliseconds per message.
    logLevel: log.isEnabled('debug') ? 'debug' : 'warn',
    logConnector: sipLogConnector(log.child('sip')),
    userAgentString: config.userAgentString,
    noAnswerTimeout: config.noAnswerTimeoutS ?? 60,
    sessionDescriptionHandlerFactory: config.sessionDescriptionHandlerFactory,
    sipExtensionReplaces: 'Supported' as never,
    delegate: {
      onInvite: (invitation) => config.onInvite?.(invitation),
      onDisconnect: (error) => {
        if (error) lost((error as TransportError).failure ?? 'connection-lost');
      },
    },
  });

  let registerer = makeRegisterer();
  let intentionallyUnregistering = false;

  function makeRegisterer(): Registerer {
    const made = new Registerer(ua, {
      expires: config.expires,
      // Refresh well before expiry (SIP.js's default 99 % leaves 3 s at 300 s).
      refreshFrequency: 80,
    });
    let wasRegistered = false;
    made.stateChange.addListener((state) => {
      if (state === RegistererState.Registered) wasRegistered = true;
      else if (
        wasRegistered &&
        state === RegistererState.Unregistered &&
        !intentionallyUnregistering &&
        registerer === made
      ) {
        wasRegistered = false;
        lost('rejected');
      }
    });
    return made;
  }

  return {
    ua,
    isConnected: () => ua.isConnected(),
    async connect() {
      lastTransportFailure = undefined;
      try {
        if (ua.state === 'Started') await ua.reconnect();
        else await ua.start();
      } catch (error) {
        throw error instanceof TransportError
          ? error
          : (lastTransportFailure ?? new TransportError('server-unreachable', String(error)));
      }
    },
    async disconnect() {
      await ua.transport.disconnect();
    },
    register(timeoutMs) {
      return new Promise<RegisterOutcome>((resolve) => {
        let settled = false;
        const settle = (outcome: RegisterOutcome) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(outcome);
        };
        const timer = setTimeout(() => settle({ ok: false, reason: 'timeout' }), timeoutMs);
        registerer
          .register({
            requestDelegate: {
              onAccept: () => settle({ ok: true }),
              onReject: (response) => {
                const statusCode = response.message.statusCode ?? 0;
                const retryAfter = Number(response.message.getHeader('retry-after')?.split(/[;\s]/)[0]);
                settle({
                  ok: false,
                  reason: reasonForRegisterResponse(statusCode),
                  statusCode,
                  retryAfterS: Number.isFinite(retryAfter) ? retryAfter : undefined,
                });
              },
            },
          })
          .catch((error: unknown) => {
            log.warn('REGISTER could not be sent', { error });
            settle({ ok: false, reason: lastTransportFailure?.failure ?? 'connection-lost' });
          });
      });
    },
    async recreateRegisterer() {
      const old = registerer;
      registerer = makeRegisterer();
      await old.dispose().catch(() => undefined);
    },
    onLost(listener) {
      lostListeners.add(listener);
      return () => lostListeners.delete(listener);
    },
    async dispose() {
      intentionallyUnregistering = true;
      lostListeners.clear();
      try {
        if (registerer.state === RegistererState.Registered && ua.isConnected()) {
          await Promise.race([registerer.unregister(), new Promise((r) => setTimeout(r, 1500))]);
        }
      } catch {
        // Unregistering is a courtesy; the registration expires by itself.
      }
      await registerer.dispose().catch(() => undefined);
      await ua.stop().catch(() => undefined);
    },
  };
}
