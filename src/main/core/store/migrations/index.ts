import type { Migration } from '../migrate.ts';
import { appMeta } from './0010-app-meta.ts';
import { secrets } from './0020-secrets.ts';
import { callLog } from './0030-call-log.ts';
import { outboxAndWrapups } from './0040-outbox-wrapups.ts';
import { callHistory } from './0045-call-history.ts';
import { operatorStates } from './0046-operator-states.ts';
import { requestsAndCallbacks } from './0047-requests-callbacks.ts';
import { contacts } from './0048-contacts.ts';
import { knowledge } from './0050-knowledge.ts';
import { scripts } from './0055-scripts.ts';
import { callArticles } from './0056-call-articles.ts';

/** Every migration, in order. Add the next one as its own file and append it here. */
export const MIGRATIONS: readonly Migration[] = [
  appMeta,
  secrets,
  callLog,
  outboxAndWrapups,
  callHistory,
  operatorStates,
  requestsAndCallbacks,
  contacts,
  knowledge,
  scripts,
  callArticles,
];
