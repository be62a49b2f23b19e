import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../../../../src/main/core/log/logger.ts';
import {
  createRegistrationSupervisor,
  type SupervisorState,
} from '../../../../src/main/core/phone/registration-supervisor.ts';
import type { RegisterOutcome, SipEndpoint } from '../../../../src/main/core/phone/sip-endpoint.ts';
import type { RegistrationReason } from '../../../../src/main/core/phone/registration-reason.ts';
import { TransportError } from '../../../../src/main/core/phone/ws-transport.ts';
import { backoffDelay, DEFAULT_BACKOFF, retryAfterDelay } from '../../../../src/main/core/phone/backoff.ts';

// The supervisor's policy against a scripted endpoint (the real SIP.js endpoint is proved against
// Kamailio in test/pbx). Scripts say what connect() and register() do on each call.
type ConnectStep = 'ok' | TransportError;

function scriptedEndpoint(connects: ConnectStep[], registers: RegisterOutcome[]) {
  let connected = false;
  const lostListeners = new Set<(r: RegistrationReason) => void>();
  const calls = { connect: 0, register: 0, recreate: 0, disconnect: 0, dispose: 0 };
  const endpoint: SipEndpoint = {
    ua: undefined as never,
    isConnected: () => connected,
    async connect() {
      calls.connect++;
      const step = connects.shift() ?? 'ok';
      if (step !== 'ok') throw step;
      connected = true;
    },
    async disconnect() {
      calls.disconnect++;
      connected = false;
    },
    async register() {
      calls.register++;
      return registers.shift() ?? { ok: true };
    },
    async recreateRegisterer() {
      calls.recreate++;
    },
    onLost(listener) {
      lostListeners.add(listener);
      return () => lostListeners.delete(listener);
    },
    async dispose() {
      calls.dispose++;
    },
  };
  const dropTransport = (reason: RegistrationReason = 'connection-lost') => {
    connected = false;
    for (const l of lostListeners) l(reason);
  };
  return { endpoint, calls, dropTransport };
}

const fast = { baseMs: 5, capMs: 20, jitter: 0.5 };
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

function supervise(endpoint: SipEndpoint, extra: { onRecovered?: () => void } = {}) {
  const states: SupervisorState[] = [];
  const sup = createRegistrationSupervisor({
    endpoint,
    log: createLogger(memorySink()),
    backoff: fast,
    onState: (s) => states.push(s),
    ...extra,
  });
  stops.push(() => sup.stop());
  sup.start();
  return { sup, states, names: () => states.map((s) => s.state) };
}

const unreachable = () => new TransportError('server-unreachable', 'ECONNREFUSED');

describe('registration supervisor', () => {
  it('connects and registers', async () => {
    const { endpoint, calls } = scriptedEndpoint([], []);
    const { sup, names } = supervise(endpoint);
    await expect.poll(() => sup.state().state).toBe('registered');
    expect(names()).toEqual(['connecting', 'registering', 'registered']);
    expect(calls).toMatchObject({ connect: 1, register: 1 });
  });

  it('keeps retrying an unreachable server with backoff and no attempt limit, showing the reason', async () => {
    const failures = Array.from({ length: 25 }, unreachable);
    const { endpoint, calls } = scriptedEndpoint(failures, []);
    const { sup, states } = supervise(endpoint);
    await expect.poll(() => sup.state().state, { timeout: 5000 }).toBe('registered');
    expect(calls.connect).toBe(26);
    const waits = states.filter((s) => s.state === 'waiting');
    expect(waits).toHaveLength(25);
    expect(waits.every((w) => w.state === 'waiting' && w.reason === 'server-unreachable')).toBe(true);
  });

  it('stops retrying a wrong password and waits for the operator; a nudge tries again', async () => {
    const { endpoint, calls } = scriptedEndpoint(
      [],
      [{ ok: false, reason: 'wrong-password', statusCode: 401 }],
    );
    const { sup } = supervise(endpoint);
    await expect.poll(() => sup.state()).toEqual({ state: 'failed', reason: 'wrong-password' });
    await new Promise((r) => setTimeout(r, 100));
    expect(calls.register).toBe(1);
    sup.nudge('operator pressed retry');
    await expect.poll(() => sup.state().state).toBe('registered');
    expect(calls.register).toBe(2);
  });

  it('honours Retry-After from a busy server', async () => {
    const { endpoint } = scriptedEndpoint(
      [],
      [{ ok: false, reason: 'server-busy', statusCode: 503, retryAfterS: 7 }],
    );
    const { sup } = supervise(endpoint);
    await expect.poll(() => sup.state().state).toBe('waiting');
    const state = sup.state();
    expect(state.state === 'waiting' && state.retryAt - Date.now()).toBeGreaterThan(6000);
    sup.nudge('online'); // a nudge does not wait out the full Retry-After
    await expect.poll(() => sup.state().state).toBe('registered');
  });

  it('recreates a stuck registerer when REGISTER gets no answer', async () => {
    const { endpoint, calls } = scriptedEndpoint([], [{ ok: false, reason: 'timeout' }]);
    const { sup } = supervise(endpoint);
    await expect.poll(() => sup.state().state).toBe('registered');
    expect(calls.recreate).toBe(1);
    expect(calls.connect).toBe(2); // the transport was recycled too
  });

  it('reconnects and re-registers when the transport drops, then asks for calls to be re-INVITEd', async () => {
    let recovered = 0;
    const { endpoint, calls, dropTransport } = scriptedEndpoint(['ok', unreachable(), unreachable()], []);
    const { sup } = supervise(endpoint, { onRecovered: () => recovered++ });
    await expect.poll(() => sup.state().state).toBe('registered');
    expect(recovered).toBe(0);
    dropTransport('keepalive-failed');
    await expect.poll(() => calls.connect).toBe(4);
    await expect.poll(() => sup.state().state).toBe('registered');
    expect(recovered).toBe(1);
  });

  it('on a nudge while registered, re-registers to prove the connection is alive', async () => {
    const { endpoint, calls } = scriptedEndpoint(
      [],
      [{ ok: true }, { ok: false, reason: 'connection-lost' }],
    );
    const { sup } = supervise(endpoint);
    await expect.poll(() => sup.state().state).toBe('registered');
    sup.nudge('resume');
    await expect.poll(() => calls.disconnect).toBe(1);
    await expect.poll(() => calls.register).toBe(3);
    await expect.poll(() => sup.state().state).toBe('registered');
    expect(calls.connect).toBe(2);
  });

  it('stop() unregisters through the endpoint and ends in stopped', async () => {
    const { endpoint, calls } = scriptedEndpoint([], []);
    const { sup } = supervise(endpoint);
    await expect.poll(() => sup.state().state).toBe('registered');
    await sup.stop();
    expect(sup.state().state).toBe('stopped');
    expect(calls.dispose).toBe(1);
  });
});

describe('backoff', () => {
  it('grows exponentially to a cap, with jitter inside [1 - jitter, 1] of the value', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 1)).toBe(250);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 1)).toBe(500);
    expect(backoffDelay(10, DEFAULT_BACKOFF, () => 1)).toBe(1600);
    expect(backoffDelay(10, DEFAULT_BACKOFF, () => 0)).toBe(800);
    expect(backoffDelay(1000, DEFAULT_BACKOFF, () => 0.5)).toBe(1200);
  });
  it('uses Retry-After when the server gives one', () => {
    expect(retryAfterDelay(30, 500)).toBe(30_000);
    expect(retryAfterDelay(undefined, 500)).toBe(500);
    expect(retryAfterDelay(-1, 500)).toBe(500);
    expect(retryAfterDelay(99_999, 500)).toBe(3_600_000);
  });
});
