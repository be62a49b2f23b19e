import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import type { UserConfig } from 'vite';

// The renderer's Vite config, shared by electron-vite (the app) and the browser harness, so both
// run exactly the same bundle.
export const rendererRoot = resolve(import.meta.dirname, 'src/renderer');
export const rendererOutDir = resolve(import.meta.dirname, 'out/renderer');

export function rendererConfig(): UserConfig {
  return {
    root: rendererRoot,
    base: './',
    plugins: [react()],
    build: {
      outDir: rendererOutDir,
      emptyOutDir: true,
      target: 'chrome140',
      rolldownOptions: { input: resolve(rendererRoot, 'index.html') },
    },
  };
}
