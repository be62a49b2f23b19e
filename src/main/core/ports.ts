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
  /** Buttons on the notification (an incoming call: Answer, Decline) where the platform has them. */
  actions?: Array<{ id: string; label: string }>;
  onAction?(actionId: string): void;
  /** The operator clicked the notification itself: bring the window forward. */
  onClick?(): void;
}

/** Native notifications in the app; an in-page equivalent in the harness. */
export interface Notifier {
  /**
   * True when the notification is shown by the page itself (the harness has no OS notifications):
   * the core then sends it to the page as a `notification:shown` event.
   */
  readonly inPage?: boolean;
  notify(notification: Notification): void;
  /** Takes a notification down (the call it announced was answered or ended). */
  withdraw(tag: string): void;
}

/** Power and network changes that the phone supervisor reacts to (issue: the phone). */
export interface SystemEvents {
  onResume(listener: () => void): () => void;
  onUnlock(listener: () => void): () => void;
  onOnlineChange(listener: (online: boolean) => void): () => void;
}

/** What a "Save as" dialog offers: a suggested file name and the file types to choose from. */
export interface SavePathRequest {
  defaultName: string;
  filters: Array<{ name: string; extensions: string[] }>;
}

/**
 * System-wide keyboard shortcuts (they work while another program has the focus). Electron:
 * `globalShortcut`. Node: records the registrations, and tests press a shortcut by calling its
 * function (tools/harness/node-ports.ts).
 */
export interface GlobalShortcuts {
  /**
   * False when the OS refuses (usually: another program holds the keys). May throw for an
   * accelerator the platform cannot take.
   */
  register(accelerator: string, fn: () => void): boolean;
  unregisterAll(): void;
}

export interface CorePorts {
  secrets: SecretCipher;
  notifier: Notifier;
  system: SystemEvents;
  globalShortcuts: GlobalShortcuts;
  /**
   * Where to save a file the operator asked for (an export). Electron: the system "Save as"
   * dialog; null when the operator cancels. Harness: dataDir/exports/<defaultName>, without asking.
   */
  chooseSavePath(request: SavePathRequest): Promise<string | null>;
}
