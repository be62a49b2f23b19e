import { safeStorage } from 'electron';
import type { SecretCipher } from '../core/ports.ts';

/**
 * Secrets through the OS keychain (Keychain, DPAPI, libsecret/kwallet) with the asynchronous
 * safeStorage API. On Linux without a keyring Electron silently falls back to `basic_text` — a
 * hard-coded key, i.e. plaintext in disguise — so that case counts as unavailable.
 */
export function createSafeStorageCipher(): SecretCipher {
  return {
    kind: 'os-encrypted',
    scheme: 'electron-safe-storage-v1',
    async isAvailable() {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
      if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
        return false;
      return true;
    },
    encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
    async decrypt(cipherText) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(cipherText);
      return { plainText: result, shouldReEncrypt };
    },
  };
}
