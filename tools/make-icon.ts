import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium } from '../test/helpers/chromium.ts';

// `node tools/make-icon.ts`: renders src/renderer/public/icon.svg to resources/icon.png (512×512),
// the icon electron-builder turns into .ico/.icns. Run after changing the SVG.
const svg = readFileSync(resolve(import.meta.dirname, '../src/renderer/public/icon.svg'), 'utf8');
const browser = await launchChromium({ viewport: { width: 512, height: 512 } });
const page = await browser.newPage();
await page.setContent(
  `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', '<svg width="512" height="512" ')}</body></html>`,
);
await page.screenshot({ path: resolve(import.meta.dirname, '../resources/icon.png'), omitBackground: true });
await browser.close();
