import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildRenderer } from './harness/build-renderer.ts';
import { reexecInNetworkNamespace } from './netns.ts';
import { runSipp } from './pbx/stack.ts';
import { REGULAR, seedOffice } from './screenshots-seed.ts';
import { startHotline, type HotlineUnderTest } from '../test/helpers/hotline.ts';
import { registerAs101, startTestPbx } from '../test/helpers/pbx.ts';

// `npm run screenshots`: regenerates docs/screenshots/ from the browser harness against the local
// PBX, with a seeded call log — each screen in Russian and English at the sizes operators use:
// idle, ringing with the caller card, in a call, wrap-up, history (and its export), contacts,
// settings (and its sections), the script editor with lint markers, the shortcuts overlay. Look at
// them before resolving an issue.
//   --size 1366x768,1920x1080   --only idle,ringing,in-call,wrapup,knowledge,history,contacts,settings,script-editor,help

reexecInNetworkNamespace();

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1366x768,1920x1080' },
    only: { type: 'string', default: '' },
    out: { type: 'string', default: 'docs/screenshots' },
  },
});

const outDir = resolve(values.out);
mkdirSync(outDir, { recursive: true });
await buildRenderer({ quiet: true });

const sizes = values.size.split(',').map((s) => {
  const [width, height] = s.split('x').map(Number);
  return { width: width!, height: height! };
});
const only = new Set(values.only.split(',').filter(Boolean));
const want = (name: string) => only.size === 0 || only.has(name);
const wantCall = ['ringing', 'in-call', 'wrapup'].some(want);

const pbx = await startTestPbx();
let sippPort = 5200;

async function scrollToSection(hotline: HotlineUnderTest, name: string): Promise<void> {
  await hotline.page.getByRole('region', { name, exact: true }).first().scrollIntoViewIfNeeded();
  await hotline.page.waitForTimeout(200);
}

try {
  for (const language of ['ru', 'en'] as const) {
    for (const viewport of sizes) {
      const hotline = await startHotline({
        viewport,
        systemLocale: language === 'ru' ? 'ru-RU' : 'en-US',
        locale: language,
        logLevel: 'info',
      });
      try {
        // A sync endpoint that is down: the status bar shows records waiting, as on a bad day.
        await hotline.call('settings:update', {
          patch: {
            language,
            sync: { endpointUrl: 'https://crm.example.com/hotline/records' },
            scripts: { companyName: language === 'ru' ? 'ТелеКом Плюс' : 'TeleCom Plus' },
          },
        });
        await registerAs101(hotline, pbx);
        await hotline.call('account:save', {
          account: { displayName: language === 'ru' ? 'Анна Смирнова' : 'Anna Smith' },
        });
        await hotline.waitForRegistration('registered');
        await seedOffice(hotline, language);
        // The product articles the knowledge tab searches (Russian: the sample set the tests use).
        const kbDir = resolve('test/fixtures/knowledge');
        await hotline.call('kb:import', {
          files: readdirSync(kbDir)
            .filter((name) => name.endsWith('.md') && !name.startsWith('broken'))
            .map((fileName) => ({ fileName, content: readFileSync(join(kbDir, fileName), 'utf8') })),
        });
        const { page } = hotline;
        await page.reload();
        await page.waitForSelector('[data-app-ready="true"]', { timeout: 15_000 });
        const shot = async (name: string) => {
          await page.waitForTimeout(300);
          const file = resolve(outDir, `${name}-${language}-${viewport.width}x${viewport.height}.png`);
          await page.screenshot({ path: file });
          console.log(file);
        };

        if (want('idle')) await shot('idle');
        if (want('help')) {
          await page.keyboard.press('F1');
          await page.getByRole('dialog').waitFor();
          await shot('help');
          await page.keyboard.press('Escape');
        }
        if (wantCall) {
          const caller = runSipp(pbx, 'uac', {
            service: '101',
            localPort: sippPort++,
            vars: { caller: REGULAR, callername: '' },
          });
          await page.getByTestId('caller-card').waitFor();
          if (want('ringing')) await shot('ringing');
          await page.keyboard.press('F3');
          await hotline.waitForCall((c) => c.state === 'active');
          await page.waitForTimeout(1500);
          if (want('in-call')) await shot('in-call');
          await page.keyboard.press('F4');
          await caller.done;
          await page.getByTestId('wrapup-form').waitFor();
          await page.keyboard.press('Alt+1');
          await page
            .getByRole('textbox', { name: language === 'ru' ? 'Заметки' : 'Notes' })
            .fill(
              language === 'ru'
                ? 'Клиент уточнил сроки доставки. Проблема с адресом, наверное, решена.'
                : 'The customer checked the delivery date. The problem with the address is maybe solved.',
            );
          // The guard marks the phrases it flags, with its suggestions under the field.
          await page.waitForTimeout(800);
          if (want('wrapup')) await shot('wrapup');
          await page.keyboard.press('Control+Enter');
          await page.getByTestId('wrapup-submitted').waitFor();
        }
        if (want('knowledge')) {
          await page.keyboard.press('F6');
          await page.keyboard.type(language === 'ru' ? 'тарифов интернет' : 'тариф');
          await page.waitForTimeout(800);
          await shot('knowledge');
          await page.keyboard.press('Enter');
          await page.waitForTimeout(500);
          await shot('knowledge-article');
          await page.keyboard.press('Escape');
        }
        if (want('history')) {
          await page.keyboard.press('Control+Digit2');
          await page.waitForSelector('[data-screen="history"]');
          await page.waitForTimeout(500);
          await shot('history');
          await page
            .getByRole('button', { name: language === 'ru' ? 'Выгрузить в CSV' : 'Export to CSV' })
            .click();
          await page
            .getByTestId('export-result')
            .waitFor({ timeout: 10_000 })
            .catch(() => undefined);
          await shot('history-export');
        }
        if (want('contacts')) {
          await page.keyboard.press('Control+Digit3');
          await page.waitForTimeout(500);
          await shot('contacts');
        }
        if (want('settings')) {
          await page.keyboard.press('Control+Comma');
          await page.waitForSelector('[data-screen="settings"]', { timeout: 5000 });
          await shot('settings');
          for (const [name, ru, en] of [
            ['settings-sync', 'Синхронизация', 'Sync'],
            ['settings-data', 'Данные', 'Data'],
            ['settings-wrapup', 'Итоги звонка', 'Wrap-up'],
            ['settings-operator', 'Оператор', 'Operator'],
          ] as const) {
            await scrollToSection(hotline, language === 'ru' ? ru : en).catch(() => undefined);
            await shot(name);
          }
        }
        if (want('script-editor')) {
          // The script editor on a duplicated built-in script, a forbidden phrase typed into the first
          // step's text: the guard's lint markers under it, with the reasons and replacements.
          await page.keyboard.press('Control+Comma');
          await page.waitForSelector('[data-screen="settings"]', { timeout: 5000 });
          await page
            .getByRole('button', { name: language === 'ru' ? /^Создать копию/ : /^Duplicate/ })
            .first()
            .click();
          const editor = page.getByRole('region', {
            name: language === 'ru' ? 'Редактор скрипта' : 'Script editor',
          });
          const text = editor
            .getByRole('textbox', {
              name: language === 'ru' ? 'Текст, который говорит оператор' : 'Text the operator says',
            })
            .first();
          await text.fill(
            language === 'ru'
              ? 'Я не знаю, проблема, наверное, в тарифе. {{greeting}}!'
              : "I don't know, the problem is maybe the plan. {{greeting}}!",
          );
          await page.waitForTimeout(800);
          await text.scrollIntoViewIfNeeded();
          await shot('script-editor');
        }
      } finally {
        await hotline.close();
      }
    }
  }
} finally {
  await pbx.stop();
}
