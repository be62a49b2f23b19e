import { buildRenderer } from '../../tools/harness/build-renderer.ts';

/** End-to-end tests run the renderer exactly as it ships: build it once per run. */
export default async function setup(): Promise<void> {
  await buildRenderer({ quiet: true });
}
