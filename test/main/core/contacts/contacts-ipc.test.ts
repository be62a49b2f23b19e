import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core.ts';
import { createLogger, memorySink } from '../../../../src/main/core/log/logger.ts';
import { createNodePorts } from '../../../../tools/harness/node-ports.ts';
import { makeTempDir } from '../../../helpers/temp-dir.ts';

const sender = { trusted: true, description: 'test' };
const open: Array<{ core: Core; dir: { cleanup(): void } }> = [];
afterEach(async () => {
  for (const { core, dir } of open.splice(0)) {
    await core.close();
    dir.cleanup();
  }
});

function setup() {
  const dir = makeTempDir();
  const log = createLogger(memorySink());
  const core = createCore({
    dataDir: dir.path,
    managedSettingsFile: join(dir.path, 'managed-none.json'),
    appInfo: {
      name: 'Hotline',
      version: '0.1.0-test',
      platform: process.platform,
      runtime: 'harness',
      versions: {},
      systemLocale: () => 'ru-RU',
    },
    ports: createNodePorts(dir.path, log),
    log,
  });
  open.push({ core, dir });
  return (channel: string, payload: unknown) => core.router.dispatch(channel, payload, sender);
}

describe('contacts over IPC', () => {
  it('refuses malformed payloads with BAD_REQUEST before any handler runs', async () => {
    const call = setup();
    const bad: Array<[string, unknown]> = [
      ['contacts:list', { query: 5 }],
      ['contacts:list', { limit: 0 }],
      ['contacts:list', { limit: 1000 }],
      ['contacts:list', { extra: true }],
      ['contacts:get', {}],
      ['contacts:get', { id: 'x'.repeat(65) }],
      ['contacts:save', { name: 'A', numbers: [{ number: '+74950000001', label: 'fax' }] }],
      ['contacts:save', { name: 'x'.repeat(201) }],
      [
        'contacts:save',
        { name: 'A', numbers: Array.from({ length: 21 }, () => ({ number: '1', label: 'work' })) },
      ],
      ['contacts:save', { name: 'A', owner: 'me' }],
      ['contacts:delete', { id: '' }],
      ['contacts:merge', { targetId: 'a', sourceIds: [] }],
      ['contacts:merge', { targetId: 'a' }],
      ['contacts:createForNumber', { number: '+74950000001' }],
      ['contacts:createForNumber', { number: 5, name: 'A' }],
      ['contacts:import', { fileName: 'a.csv', contentBase64: 'not base64!' }],
      ['contacts:import', { fileName: 'a.csv' }],
      ['contacts:import', { fileName: 'a.csv', contentBase64: 'A'.repeat(28 * 1024 * 1024) }],
    ];
    for (const [channel, payload] of bad) {
      const result = await call(channel, payload);
      expect(result, `${channel} ${JSON.stringify(payload).slice(0, 80)}`).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
  });

  it('saves, finds, names an unknown caller, merges, imports and deletes, with codes the renderer translates', async () => {
    const call = setup();
    const saved = (await call('contacts:save', {
      name: 'Иван Петров',
      numbers: [{ number: '8 (495) 123-45-67', label: 'work' }],
    })) as { ok: true; value: { id: string } };
    expect(saved).toMatchObject({
      ok: true,
      value: { name: 'Иван Петров', numbers: [{ e164: '+74951234567' }] },
    });

    expect(
      await call('contacts:save', { name: 'Пётр', numbers: [{ number: '+74951234567', label: 'home' }] }),
    ).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'The number is already saved for the contact “Иван Петров”',
        issues: [
          { path: 'numbers.0.number', message: 'taken', params: { id: saved.value.id, name: 'Иван Петров' } },
        ],
      },
    });

    const named = (await call('contacts:createForNumber', { number: '+7 916 000-11-22', name: 'Мария' })) as {
      ok: true;
      value: { contact: { id: string } };
    };
    expect(named).toMatchObject({ ok: true, value: { contact: { name: 'Мария' }, linkedCalls: 0 } });

    const list = await call('contacts:list', { query: 'мар' });
    expect(list).toMatchObject({ ok: true, value: { items: [{ name: 'Мария' }], nextCursor: null } });

    const merged = await call('contacts:merge', {
      targetId: saved.value.id,
      sourceIds: [named.value.contact.id],
    });
    expect(merged).toMatchObject({ ok: true, value: { name: 'Иван Петров', numbers: [{}, {}] } });

    const file = readFileSync(join(import.meta.dirname, '../../../fixtures/contacts/contacts-30-40.vcf'));
    const imported = await call('contacts:import', {
      fileName: 'contacts.vcf',
      contentBase64: file.toString('base64'),
    });
    expect(imported).toMatchObject({ ok: true, value: { format: 'vcard', imported: 2, skippedTotal: 3 } });

    expect(await call('contacts:import', { fileName: 'empty.csv', contentBase64: '' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'file', message: 'empty' }] },
    });

    expect(await call('contacts:delete', { id: saved.value.id })).toEqual({ ok: true, value: {} });
    expect(await call('contacts:get', { id: saved.value.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
