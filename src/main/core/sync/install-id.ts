import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database.ts';
import { getMeta, setMeta } from '../store/app-meta.ts';

/** A random id for this installation, made once: receivers tell desks apart by it (it names no one). */
export function installIdOf(db: Db): string {
  const existing = getMeta(db, 'install_id');
  if (existing) return existing;
  const id = randomUUID();
  setMeta(db, 'install_id', id);
  return id;
}
