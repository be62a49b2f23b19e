import { build } from 'vite';
import { rendererConfig, rendererOutDir } from '../../renderer.vite.config.ts';

/** Builds the renderer exactly as the app ships it; `watch` rebuilds on every change. */
export async function buildRenderer(options: { watch?: boolean; quiet?: boolean } = {}): Promise<string> {
  const config = rendererConfig();
  await build({
    ...config,
    configFile: false,
    logLevel: options.quiet ? 'error' : 'info',
    build: { ...config.build, watch: options.watch ? {} : null },
  });
  return rendererOutDir;
}
