import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, REQUEST_CHANNELS } from '../../src/shared/ipc/channels.ts';
import { eventSchemas, requestSchemas } from '../../src/shared/ipc/contract.ts';

describe('IPC contract', () => {
  it('has a request and a response schema for every request channel, and nothing else', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual([...REQUEST_CHANNELS].sort());
    for (const channel of REQUEST_CHANNELS) {
      expect(typeof requestSchemas[channel].request.safeParse, channel).toBe('function');
      expect(typeof requestSchemas[channel].response.safeParse, channel).toBe('function');
    }
  });

  it('has a schema for every event channel, and nothing else', () => {
    expect(Object.keys(eventSchemas).sort()).toEqual([...EVENT_CHANNELS].sort());
  });

  it('names requests domain:verb and keeps channel names unique', () => {
    for (const channel of [...REQUEST_CHANNELS, ...EVENT_CHANNELS])
      expect(channel).toMatch(/^[a-z]+:[a-zA-Z]+$/);
    expect(new Set([...REQUEST_CHANNELS, ...EVENT_CHANNELS]).size).toBe(
      REQUEST_CHANNELS.length + EVENT_CHANNELS.length,
    );
  });

  it('rejects extra keys in requests (one payload object, nothing smuggled)', () => {
    expect(requestSchemas['settings:get'].request.safeParse({ extra: 1 }).success).toBe(false);
    expect(requestSchemas['account:save'].request.safeParse({ account: {}, admin: true }).success).toBe(
      false,
    );
    expect(requestSchemas['account:save'].request.safeParse({ account: {} }).success).toBe(true);
  });
});

describe('patches', () => {
  it('a patch of one field does not reset the others to their defaults', async () => {
    const { requestSchemas: schemas } = await import('../../src/shared/ipc/contract.ts');
    expect(schemas['account:save'].request.parse({ account: {} })).toEqual({ account: {} });
    expect(schemas['account:save'].request.parse({ account: { displayName: 'A' } })).toEqual({
      account: { displayName: 'A' },
    });
    expect(schemas['settings:update'].request.parse({ patch: { phone: { dtmfMode: 'info' } } })).toEqual({
      patch: { phone: { dtmfMode: 'info' } },
    });
  });
});
