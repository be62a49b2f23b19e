import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretCipher } from '../ports.ts';

/**
 * DEV ONLY — the browser harness and tests, never the app. AES-256-GCM with a random key kept in a
 * file (mode 0600) beside the data: it keeps passwords out of plaintext on disk, but anyone who can
 * read the key file can decrypt them. The app uses the OS keychain through Electron's safeStorage.
 */
export function createDevFileCipher(keyFile: string): SecretCipher {
  const key = loadOrCreateKey(keyFile);
  return {
    kind: 'dev-only',
    scheme: 'dev-aes-256-gcm-v1',
    isAvailable: async () => true,
    async encrypt(plainText) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      const plainText = Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString(
        'utf8',
      );
      return { plainText, shouldReEncrypt: false };
    },
  };
}

function loadOrCreateKey(keyFile: string): Buffer {
  if (existsSync(keyFile)) {
    const key = readFileSync(keyFile);
    if (key.length === 32) return key;
    throw new Error(
      `Dev secret key file ${keyFile} is damaged (expected 32 bytes); delete it to start over.`,
    );
  }
  mkdirSync(dirname(keyFile), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(keyFile, key, { mode: 0o600 });
  return key;
}
