import { AppError } from '../app-error.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretCipher } from '../ports.ts';
import type { Db } from '../store/database.ts';
import { deleteSecretRow, getSecretRow, putSecretRow } from '../store/secrets.ts';

// Secrets at rest: ciphertext from the cipher port in the `secrets` table, nothing in plaintext,
// ever. When the OS offers no encryption the vault refuses to store rather than fall back.

export interface SecretVault {
  storage(): Promise<'os-encrypted' | 'dev-only' | 'unavailable'>;
  has(name: string): boolean;
  get(name: string): Promise<string | undefined>;
  set(name: string, plainText: string): Promise<void>;
  delete(name: string): void;
}

export function createSecretVault(db: Db, cipher: SecretCipher, log: Logger): SecretVault {
  const storage = async () => ((await cipher.isAvailable()) ? cipher.kind : 'unavailable');

  return {
    storage,
    has: (name) => getSecretRow(db, name)?.scheme === cipher.scheme,
    async get(name) {
      const row = getSecretRow(db, name);
      if (!row) return undefined;
      if (row.scheme !== cipher.scheme) {
        log.warn('stored secret was written by another cipher; ignoring it', { name, scheme: row.scheme });
        return undefined;
      }
      try {
        const { plainText, shouldReEncrypt } = await cipher.decrypt(row.ciphertext);
        if (shouldReEncrypt)
          putSecretRow(db, { name, scheme: cipher.scheme, ciphertext: await cipher.encrypt(plainText) });
        return plainText;
      } catch (error) {
        log.error('cannot decrypt a stored secret (OS keychain changed?)', { name, error });
        throw new AppError(
          'SECRET_STORE_UNAVAILABLE',
          'The stored password cannot be decrypted; enter it again.',
        );
      }
    },
    async set(name, plainText) {
      if ((await storage()) === 'unavailable') {
        throw new AppError(
          'SECRET_STORE_UNAVAILABLE',
          'The operating system offers no encrypted storage; Hotline does not keep passwords in plain text.',
        );
      }
      putSecretRow(db, { name, scheme: cipher.scheme, ciphertext: await cipher.encrypt(plainText) });
    },
    delete: (name) => deleteSecretRow(db, name),
  };
}
