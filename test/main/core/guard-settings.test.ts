import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { createSettingsService } from '../../../src/main/core/settings/settings-service.ts';
import { createLogger, memorySink } from '../../../src/main/core/log/logger.ts';
import type { AppError } from '../../../src/main/core/app-error.ts';
import type { RuleOverride } from '../../../src/shared/guard/rule.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

// Settings `guard` in the settings service: a patch with a broken company rule is refused with its
// place and nothing changes; a broken list in a settings file is reported by name and place and
// costs only that list.

const NEW_RULE: RuleOverride = {
  id: 'company.1',
  language: 'ru',
  patterns: ['бесплатн{о,ый,ая}'],
  reason: 'У нас ничего не бывает бесплатно: говорите «входит в тариф».',
  alternatives: ['входит в тариф'],
};

describe('guard settings: the settings service', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.cleanup());
  const open = () =>
    createSettingsService({
      userFile: join(dir.path, 'settings.json'),
      managedFile: join(dir.path, 'managed.json'),
      log: createLogger(memorySink()),
    });

  it('saves valid rules, and refuses a bad patch with VALIDATION at guard.custom, changing nothing', () => {
    const service = open();
    service.update({ guard: { custom: [NEW_RULE], disabled: ['ru.hedging'] } });
    expect(open().get().guard).toEqual({ custom: [NEW_RULE], disabled: ['ru.hedging'] });
    let error: AppError | undefined;
    try {
      service.update({ guard: { custom: [{ ...NEW_RULE, patterns: ['{'] }] } });
    } catch (e) {
      error = e as AppError;
    }
    expect(error?.code).toBe('VALIDATION');
    expect(error?.issues).toEqual([
      { path: 'guard.custom', message: expect.stringMatching(/^\[0\]\.patterns\[0\]: /) as unknown },
    ]);
    expect(open().get().guard.custom).toEqual([NEW_RULE]);
  });

  it('reports a broken list in IT’s file with its place and keeps the built-in rules working', () => {
    writeFileSync(
      join(dir.path, 'managed.json'),
      JSON.stringify({
        enforced: {
          guard: { custom: [{ id: 'company.x', language: 'ru', patterns: ['a'] }], disabled: ['ru.problem'] },
        },
      }),
    );
    const view = open().view();
    expect(view.settings.guard).toEqual({ custom: [], disabled: ['ru.problem'] });
    expect(view.locked).toEqual(['guard.disabled']);
    expect(view.problems).toEqual([
      expect.objectContaining({
        kind: 'invalid-value',
        source: 'managed',
        key: 'guard.custom',
        detail: '[0].reason: required (a new rule needs id, language, patterns and reason)',
      }),
    ]);
  });
});
