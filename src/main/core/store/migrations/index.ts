import type { Migration } from '../migrate.ts';
import { appMeta } from './0010-app-meta.ts';
import { secrets } from './0020-secrets.ts';
import { callLog } from './0030-call-log.ts';
import { outboxAndWrapups } from './0040-outbox-wrapups.ts';

/** Every migration, in order. Add the next one as its own file and append it here. */
export const MIGRATIONS: readonly Migration[] = [appMeta, secrets, callLog, outboxAndWrapups];
