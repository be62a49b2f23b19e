import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/main/core/app-error.ts';
import { createIpcRouter, type Handlers } from '../../../src/main/core/ipc/router.ts';
import { createLogger, memorySink } from '../../../src/main/core/log/logger.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/model/settings.ts';
import { REQUEST_CHANNELS } from '../../../src/shared/ipc/channels.ts';

const trusted = { trusted: true, description: 'test' };
const view = { settings: DEFAULT_SETTINGS, locked: [], problems: [] };

function setup(overrides: Partial<Handlers> = {}) {
  const sink = memorySink();
  const defaults = Object.fromEntries(
    REQUEST_CHANNELS.map((c) => [c, vi.fn(() => ({}))]),
  ) as unknown as Handlers;
  const handlers: Handlers = {
    ...defaults,
    'app:getInfo': vi.fn(() => ({
      name: 'Hotline',
      version: '1',
      platform: 'linux',
      systemLocale: 'ru-RU',
      runtime: 'harness' as const,
      versions: {},
    })),
    'settings:get': vi.fn(() => view),
    'settings:update': vi.fn(() => view),
    'account:get': vi.fn(() => ({
      account: DEFAULT_SETTINGS.account,
      hasPassword: false,
      passwordStorage: 'dev-only' as const,
      locked: [],
    })),
    'account:save': vi.fn(() => ({
      account: DEFAULT_SETTINGS.account,
      hasPassword: true,
      passwordStorage: 'dev-only' as const,
      locked: [],
    })),
    'status:get': vi.fn(() => ({
      registration: { state: 'not-configured' as const },
      operator: { state: 'offline' as const },
      storage: { writable: true, pendingWrites: 0 },
      sync: { state: 'off' as const, pending: 0, failed: 0 },
    })),
    'shell:openExternal': vi.fn(() => ({ opened: true })),
    ...overrides,
  };
  return { router: createIpcRouter(handlers, createLogger(sink)), handlers, sink };
}

describe('IPC router', () => {
  it('answers a valid request with ok and the value', async () => {
    const { router } = setup();
    const result = await router.dispatch('settings:get', {}, trusted);
    expect(result).toEqual({ ok: true, value: view });
  });

  it('refuses an untrusted sender with FORBIDDEN and never calls the handler', async () => {
    const { router, handlers, sink } = setup();
    const result = await router.dispatch('settings:get', {}, { trusted: false, description: 'iframe' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(handlers['settings:get']).not.toHaveBeenCalled();
    expect(sink.records.some((r) => r.level === 'warn' && r.message.includes('untrusted'))).toBe(true);
  });

  it('refuses a malformed payload with BAD_REQUEST, logs it, and never calls the handler', async () => {
    const { router, handlers, sink } = setup();
    for (const payload of [{ patch: { language: 'de' } }, { patch: { evil: true } }, 'string', 42, [1]]) {
      const result = await router.dispatch('settings:update', payload, trusted);
      expect(result, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(handlers['settings:update']).not.toHaveBeenCalled();
    expect(sink.records.filter((r) => r.message.includes('malformed')).length).toBe(5);
  });

  it('returns field issues with a BAD_REQUEST', async () => {
    const { router } = setup();
    const result = await router.dispatch(
      'settings:update',
      { patch: { account: { registerExpires: 5 } } },
      trusted,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues?.[0]?.path).toBe('patch.account.registerExpires');
  });

  it('refuses unknown channels', async () => {
    const { router } = setup();
    expect(await router.dispatch('fs:readFile', {}, trusted)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await router.dispatch({ toString: 1 }, {}, trusted)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
  });

  it('passes a thrown AppError through as its code and message', async () => {
    const { router } = setup({
      'settings:update': () => {
        throw new AppError('LOCKED', 'Set by your administrator: language', [
          { path: 'language', message: 'locked' },
        ]);
      },
    });
    const result = await router.dispatch('settings:update', { patch: { language: 'en' } }, trusted);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'LOCKED',
        message: 'Set by your administrator: language',
        issues: [{ path: 'language', message: 'locked' }],
      },
    });
  });

  it('turns any other error into INTERNAL without leaking its message', async () => {
    const { router, sink } = setup({
      'settings:get': () => {
        throw new Error('SQLITE_CORRUPT at /home/user/secret/path');
      },
    });
    const result = await router.dispatch('settings:get', {}, trusted);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Internal error' } });
    expect(sink.records.some((r) => r.level === 'error')).toBe(true);
  });

  it('turns a rejected promise into INTERNAL too', async () => {
    const { router } = setup({ 'settings:get': async () => Promise.reject(new TypeError('boom')) });
    expect(await router.dispatch('settings:get', {}, trusted)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });

  it('does not send a response that breaks the contract', async () => {
    const { router } = setup({ 'settings:get': () => ({ wrong: true }) as never });
    expect(await router.dispatch('settings:get', {}, trusted)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });
});
