import { writeFileSync } from 'node:fs';
import { syncJsonSchema } from '../../src/main/core/sync/sync-documents.ts';

// Regenerates docs/sync/hotline-sync-v1.schema.json from the zod schemas the app sends with.
// test/main/core/sync.test.ts fails when the published file and the code differ.
const target = new URL('../../docs/sync/hotline-sync-v1.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(syncJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
