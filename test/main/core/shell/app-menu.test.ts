import { describe, expect, it } from 'vitest';
import { appMenuTemplate, rolesOf, type AppMenuItem } from '../../../../src/main/core/shell/app-menu.ts';

const DEVELOPMENT_ROLES = ['reload', 'forceReload', 'toggleDevTools'];
const PLATFORMS = ['darwin', 'win32', 'linux'];

function labels(items: readonly AppMenuItem[]): string[] {
  return items.flatMap((item) =>
    item.type === 'separator' ? [] : [item.label, ...(item.type === 'submenu' ? labels(item.submenu) : [])],
  );
}

describe('application menu', () => {
  it('has no reload and no DevTools when packaged, on every platform', () => {
    for (const platform of PLATFORMS)
      for (const language of ['en', 'ru'] as const) {
        const roles = rolesOf(appMenuTemplate({ language, platform, packaged: true }));
        for (const role of DEVELOPMENT_ROLES) expect(roles, `${platform} ${language}`).not.toContain(role);
      }
  });

  it('keeps reload and DevTools in development', () => {
    for (const platform of PLATFORMS) {
      const roles = rolesOf(appMenuTemplate({ language: 'en', platform, packaged: false }));
      for (const role of DEVELOPMENT_ROLES) expect(roles, platform).toContain(role);
    }
  });

  it('has Quit exactly once, and the editing roles text fields need (Cmd+C/V on macOS)', () => {
    for (const platform of PLATFORMS) {
      const roles = rolesOf(appMenuTemplate({ language: 'en', platform, packaged: true }));
      expect(
        roles.filter((role) => role === 'quit'),
        platform,
      ).toHaveLength(1);
      for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll'])
        expect(roles, `${platform} ${role}`).toContain(role);
    }
  });

  it('is labelled in the operator’s language, every item', () => {
    for (const platform of PLATFORMS) {
      const en = labels(appMenuTemplate({ language: 'en', platform, packaged: false }));
      const ru = labels(appMenuTemplate({ language: 'ru', platform, packaged: false }));
      expect(en.length).toBe(ru.length);
      for (const label of [...en, ...ru]) expect(label.trim()).not.toBe('');
      expect(en).toContain('Quit Hotline');
      expect(ru).toContain('Выйти из Hotline');
      expect(ru).toContain('Правка');
      // Every Russian label but the application's name is translated.
      const same = ru.filter((label, index) => label === en[index]);
      expect(
        same.every((label) => label === 'Hotline'),
        same.join(', '),
      ).toBe(true);
    }
  });

  it('macOS: the application menu comes first and holds Quit', () => {
    const [first] = appMenuTemplate({ language: 'en', platform: 'darwin', packaged: true });
    expect(first?.type).toBe('submenu');
    if (first?.type !== 'submenu') return;
    expect(rolesOf(first.submenu)).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
  });
});
