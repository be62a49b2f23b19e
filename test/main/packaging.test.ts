import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { load } from 'js-yaml';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'app-builder-lib';

const root = resolve(import.meta.dirname, '../..');
const config = load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Configuration;

describe('packaging', () => {
  it('electron-builder.yml passes electron-builder’s own schema check', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('locks the fuses that matter', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('gives macOS the microphone: usage text and the audio-input entitlement in both files', () => {
    expect(config.mac?.extendInfo).toHaveProperty('NSMicrophoneUsageDescription');
    for (const file of [config.mac?.entitlements, config.mac?.entitlementsInherit]) {
      expect(readFileSync(resolve(root, file!), 'utf8')).toContain('com.apple.security.device.audio-input');
    }
  });

  it('builds a per-machine MSI with a fixed upgrade code for IT', () => {
    expect(config.msi).toMatchObject({
      perMachine: true,
      upgradeCode: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });
});
