import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAccountService } from '../../../src/main/core/account/account-service.ts';
import { createLogger, memorySink } from '../../../src/main/core/log/logger.ts';
import type { SecretCipher } from '../../../src/main/core/ports.ts';
import { createDevFileCipher } from '../../../src/main/core/secrets/dev-file-cipher.ts';
import { createSecretVault } from '../../../src/main/core/secrets/secret-vault.ts';
import { createSettingsService } from '../../../src/main/core/settings/settings-service.ts';
import { openDatabase, type Db } from '../../../src/main/core/store/database.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

const log = createLogger(memorySink());
let dir: ReturnType<typeof makeTempDir>;
let db: Db;

beforeEach(() => {
  dir = makeTempDir();
  db = openDatabase({ path: join(dir.path, 'hotline.db'), log });
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

/** A cipher whose OS offers no encryption (Linux without a keyring). */
const unavailableCipher: SecretCipher = {
  kind: 'os-encrypted',
  scheme: 'test',
  isAvailable: async () => false,
  encrypt: async () => {
    throw new Error('must not be called');
  },
  decrypt: async () => {
    throw new Error('must not be called');
  },
};

describe('secret vault', () => {
  it('stores only ciphertext: the password appears nowhere on disk', async () => {
    const vault = createSecretVault(db, createDevFileCipher(join(dir.path, 'key')), log);
    await vault.set('sip.password', 'Correct-Horse-Пароль-42');
    expect(await vault.get('sip.password')).toBe('Correct-Horse-Пароль-42');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const onDisk = readFileSync(join(dir.path, 'hotline.db'));
    expect(onDisk.includes(Buffer.from('Correct-Horse'))).toBe(false);
    expect(onDisk.includes(Buffer.from('Correct-Horse-Пароль-42', 'utf16le'))).toBe(false);
  });

  it('refuses to store when the OS offers no encryption, instead of falling back to plaintext', async () => {
    const vault = createSecretVault(db, unavailableCipher, log);
    expect(await vault.storage()).toBe('unavailable');
    await expect(vault.set('sip.password', 'x')).rejects.toMatchObject({ code: 'SECRET_STORE_UNAVAILABLE' });
    expect(vault.has('sip.password')).toBe(false);
  });

  it('never hands a blob to a cipher that did not write it', async () => {
    const dev = createSecretVault(db, createDevFileCipher(join(dir.path, 'key')), log);
    await dev.set('sip.password', 'p');
    const other = createSecretVault(
      db,
      { ...unavailableCipher, scheme: 'other', isAvailable: async () => true },
      log,
    );
    expect(other.has('sip.password')).toBe(false);
    expect(await other.get('sip.password')).toBeUndefined();
  });

  it('a damaged ciphertext gives a coded error, not a crash', async () => {
    const vault = createSecretVault(db, createDevFileCipher(join(dir.path, 'key')), log);
    await vault.set('sip.password', 'p');
    db.prepare(
      "UPDATE secrets SET ciphertext = x'00112233445566778899aabbccddeeff00112233445566778899'",
    ).run();
    await expect(vault.get('sip.password')).rejects.toMatchObject({ code: 'SECRET_STORE_UNAVAILABLE' });
  });
});

describe('account', () => {
  function account(cipher: SecretCipher = createDevFileCipher(join(dir.path, 'key'))) {
    const settings = createSettingsService({
      userFile: join(dir.path, 'settings.json'),
      managedFile: join(dir.path, 'managed.json'),
      log,
    });
    return { settings, account: createAccountService(settings, createSecretVault(db, cipher, log)) };
  }

  it('saves fields to settings and the password to the vault; keeps, then forgets it', async () => {
    const { account: a } = account();
    const saved = await a.save({
      account: { wssUrl: 'wss://pbx/ws', sipUri: 'sip:101@pbx' },
      password: 'secret',
    });
    expect(saved).toMatchObject({ hasPassword: true, passwordStorage: 'dev-only' });
    expect(a.isComplete()).toBe(true);
    expect(readFileSync(join(dir.path, 'settings.json'), 'utf8')).not.toContain('secret');
    await a.save({ account: { displayName: 'Анна' } });
    expect(await a.password()).toBe('secret');
    expect((await a.save({ account: {}, password: null })).hasPassword).toBe(false);
    expect(a.isComplete()).toBe(false);
  });

  it('an invalid field stores neither the field nor the password', async () => {
    const { account: a } = account();
    await expect(a.save({ account: { sipUri: 'nope' }, password: 'secret' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect((await a.get()).hasPassword).toBe(false);
  });

  it('without OS encryption the password is refused and the fields are not half-saved', async () => {
    const { account: a, settings } = account(unavailableCipher);
    await expect(a.save({ account: { displayName: 'X' }, password: 'secret' })).rejects.toMatchObject({
      code: 'SECRET_STORE_UNAVAILABLE',
    });
    expect(settings.get().account.displayName).toBe('');
    expect((await a.get()).passwordStorage).toBe('unavailable');
  });
});
