import { writeFileSync } from 'node:fs';
import { scriptJsonSchema } from '../../src/shared/scripts/format.ts';

// Regenerates docs/scripts/hotline-script-v1.schema.json from the zod schema the app checks scripts
// with. test/shared/scripts.test.ts fails when the published file and the code differ.
const target = new URL('../../docs/scripts/hotline-script-v1.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(scriptJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
