import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildRenderer } from './harness/build-renderer.ts';
import { startHotline } from '../test/helpers/hotline.ts';

// `npm run screenshots`: regenerates docs/screenshots/ from the browser harness — each screen in
// Russian and English at the sizes operators use. Look at them before resolving an issue.
//   --size 1366x768,1920x1080   --only shell,settings

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

for (const language of ['ru', 'en'] as const) {
  for (const viewport of sizes) {
    const hotline = await startHotline({
      viewport,
      systemLocale: language === 'ru' ? 'ru-RU' : 'en-US',
      locale: language,
    });
    try {
      await hotline.call('settings:update', { patch: { language } });
      await hotline.call('account:save', {
        account: {
          wssUrl: 'wss://pbx.example.com:8089/ws',
          sipUri: 'sip:101@pbx.example.com',
          displayName: language === 'ru' ? 'Анна Смирнова' : 'Anna Smith',
        },
        password: 'example-password',
      });
      const { page } = hotline;
      await page.reload();
      await page.waitForSelector('[data-app-ready="true"]', { timeout: 15_000 });
      const shot = async (name: string) => {
        const file = resolve(outDir, `${name}-${language}-${viewport.width}x${viewport.height}.png`);
        await page.screenshot({ path: file });
        console.log(file);
      };
      if (want('shell')) await shot('shell');
      if (want('settings')) {
        await page.keyboard.press('Control+Comma');
        await page.waitForSelector('[data-screen="settings"]', { timeout: 5000 });
        await shot('settings');
      }
    } finally {
      await hotline.close();
    }
  }
}
