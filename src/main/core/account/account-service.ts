import type { AccountSave, AccountView } from '../../../shared/ipc/contract.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { SecretVault } from '../secrets/secret-vault.ts';
import { HA1_PATTERN } from '../../../shared/model/settings.ts';
import { AppError } from '../app-error.ts';

export const SIP_PASSWORD_SECRET = 'sip.password';

/** The SIP account: its fields live in settings, its password only in the secret vault. */
export interface AccountService {
  get(): Promise<AccountView>;
  save(input: AccountSave): Promise<AccountView>;
  password(): Promise<string | undefined>;
  isComplete(): boolean;
}

export function createAccountService(settings: SettingsService, vault: SecretVault): AccountService {
  async function get(): Promise<AccountView> {
    const view = settings.view();
    return {
      account: view.settings.account,
      hasPassword: vault.has(SIP_PASSWORD_SECRET),
      passwordStorage: await vault.storage(),
      locked: view.locked.filter((path) => path.startsWith('account.')),
    };
  }

  return {
    get,
    async save(input) {
      // Check the fields, then store the password, then the fields: a locked or invalid field, or an
      // OS that cannot encrypt, leaves nothing half-saved.
      settings.check({ account: input.account });
      const kind = input.account.secretKind ?? settings.get().account.secretKind;
      const secret =
        typeof input.password === 'string' ? input.password : await vault.get(SIP_PASSWORD_SECRET);
      if (kind === 'ha1' && secret !== undefined && input.password !== null && !HA1_PATTERN.test(secret))
        throw new AppError('VALIDATION', 'An HA1 is 32 hexadecimal digits', [
          { path: 'account.password', message: 'ha1' },
        ]);
      if (typeof input.password === 'string') await vault.set(SIP_PASSWORD_SECRET, input.password);
      else if (input.password === null) vault.delete(SIP_PASSWORD_SECRET);
      settings.update({ account: input.account });
      return get();
    },
    password: () => vault.get(SIP_PASSWORD_SECRET),
    isComplete() {
      const { wssUrl, sipUri } = settings.get().account;
      return wssUrl !== '' && sipUri !== '' && vault.has(SIP_PASSWORD_SECRET);
    },
  };
}
