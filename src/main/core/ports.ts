// The core's view of the platform. Each port has an Electron implementation in src/main/electron/
// and a Node one (tests, browser harness), so the core never imports `electron`.

/** Encrypts secrets (the SIP password). Electron: safeStorage. Harness: a dev-only file key. */
export interface SecretCipher {
  /** 'os-encrypted' for the OS keychain; 'dev-only' for the harness store. */
  readonly kind: 'os-encrypted' | 'dev-only';
  /** Stored next to each ciphertext, so a blob is only ever handed to the cipher that wrote it. */
  readonly scheme: string;
  /** False when the OS offers no real encryption (Linux `basic_text`): Hotline then refuses to store. */
  isAvailable(): Promise<boolean>;
  encrypt(plainText: string): Promise<Buffer>;
  decrypt(cipherText: Buffer): Promise<{ plainText: string; shouldReEncrypt: boolean }>;
}

export interface Notification {
  title: string;
  body: string;
  /** Replaces an earlier notification with the same tag instead of stacking. */
  tag?: string;
}

/** Native notifications in the app; an in-page equivalent in the harness. */
export interface Notifier {
  notify(notification: Notification): void;
}

/** Power and network changes that the phone supervisor reacts to (issue: the phone). */
export interface SystemEvents {
  onResume(listener: () => void): () => void;
  onUnlock(listener: () => void): () => void;
  onOnlineChange(listener: (online: boolean) => void): () => void;
}

export interface CorePorts {
  secrets: SecretCipher;
  notifier: Notifier;
  system: SystemEvents;
}
