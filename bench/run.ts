import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Bench } from './lib/stats.ts';
import { reexecInNetworkNamespace } from '../tools/netns.ts';

// Benchmarks with a PBX and Chromium stay on loopback, like the tests.
reexecInNetworkNamespace();

// `npm run bench [-- name…]`: runs bench/<name>.bench.ts files, printing one JSON object per line.
const filters = process.argv.slice(2);
const files = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((f) => file.startsWith(f)))
  .sort();

if (files.length === 0) {
  console.error(`No benchmark matches ${filters.join(', ')}.`);
  process.exit(1);
}

let failed = false;
for (const file of files) {
  const module = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as { default: Bench };
  try {
    for await (const metric of module.default()) console.log(JSON.stringify(metric));
  } catch (error) {
    failed = true;
    console.error(`${file} failed:`, error);
  }
}
process.exit(failed ? 1 : 0);
