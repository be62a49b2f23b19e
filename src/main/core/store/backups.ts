import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSettings } from '../../../shared/model/settings.ts';
import type { Logger } from '../log/logger.ts';
import type { Db } from './database.ts';

// Online backups of the open database with SQLite's backup API (better-sqlite3's `db.backup`): the
// phone keeps writing while a copy is taken page by page. Each copy is written under a temporary
// name, switched to a self-contained rollback-journal file, and only then renamed to
// `backups/hotline-YYYYMMDD-HHMMSS.db` (UTC), so a half-written copy never looks like a backup.
// Only the newest `data.backupsKept` are kept; nothing outside those names is ever deleted (the
// quarantine folder is not touched here).

export const BACKUP_DIR = 'backups';
const HOUR_MS = 3_600_000;
const NAME = /^hotline-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?\.db$/;
/** A copy a crash interrupted: never a backup, safe to remove. */
const PARTIAL = /^\.hotline-[\d-]+\.db\.partial(?:-wal|-shm|-journal)?$/;

/** `YYYYMMDD-HHMMSS` in UTC: sorts by time, safe in file names on every OS. */
export function fileStamp(at: number): string {
  const iso = new Date(at).toISOString(); // 2026-11-24T09:00:00.000Z
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

export interface BackupFile {
  file: string;
  name: string;
  /** When the copy was taken (from its name), epoch ms. */
  takenAt: number;
}

/** The backups in `dir`, newest first. Files with other names are ignored. */
export function listBackups(dir: string): BackupFile[] {
  if (!existsSync(dir)) return [];
  const out: Array<BackupFile & { seq: number }> = [];
  for (const name of readdirSync(dir)) {
    const m = NAME.exec(name);
    if (!m) continue;
    const [, y, mo, d, h, mi, s, seq] = m;
    out.push({
      file: join(dir, name),
      name,
      takenAt: Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)),
      seq: Number(seq ?? 0),
    });
  }
  out.sort((a, b) => b.takenAt - a.takenAt || b.seq - a.seq);
  return out.map(({ file, name, takenAt }) => ({ file, name, takenAt }));
}

/** A free name for a backup taken at `at` (a second copy within the same second gets `-2`…). */
function freeName(dir: string, at: number): string {
  const stamp = fileStamp(at);
  for (let n = 1; ; n++) {
    const name = n === 1 ? `hotline-${stamp}.db` : `hotline-${stamp}-${n}.db`;
    if (!existsSync(join(dir, name))) return name;
  }
}

/**
 * Copies the open database into `dir` with the backup API. Resolves with the new file; on failure
 * (disk full…) the temporary file is removed and the error passed on.
 */
export async function takeBackup(db: Db, dir: string, at: number): Promise<BackupFile> {
  mkdirSync(dir, { recursive: true });
  const name = freeName(dir, at);
  const temp = join(dir, `.${name}.partial`);
  try {
    await db.backup(temp);
    // The copy carries the source's WAL mode; a single self-contained file is what a backup should be
    // (opening it read-only later must not need, or leave behind, -wal/-shm files).
    const copy = new Database(temp);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(temp, join(dir, name));
  } catch (error) {
    for (const leftover of [temp, `${temp}-wal`, `${temp}-shm`, `${temp}-journal`])
      rmSync(leftover, { force: true });
    throw error;
  }
  return { file: join(dir, name), name, takenAt: at };
}

/** Deletes all but the newest `keep` backups in `dir`; returns the names removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  const removed: string[] = [];
  for (const old of listBackups(dir).slice(Math.max(1, keep))) {
    rmSync(old.file, { force: true });
    removed.push(old.name);
  }
  return removed;
}

export interface BackupService {
  /** Takes the start-up backup when the newest is older than the interval, then every interval. */
  start(): void;
  /** Takes a backup now (and prunes). Concurrent calls share one copy. */
  backupNow(): Promise<BackupFile>;
  /** The settings changed: the next backup is planned from the new interval. */
  reschedule(): void;
  /** Stops the timer and waits for a copy in progress (the database is closed after this). */
  stop(): Promise<void>;
}

export interface BackupServiceOptions {
  db: Db;
  dir: string;
  settings: () => Pick<DataSettings, 'backupIntervalH' | 'backupsKept'>;
  log: Logger;
  now?: () => number;
}

export function createBackupService(options: BackupServiceOptions): BackupService {
  const { db, dir, log } = options;
  const now = options.now ?? Date.now;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<BackupFile> | undefined;
  let started = false;

  const intervalMs = () => options.settings().backupIntervalH * HOUR_MS;

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!started) return;
    const newest = listBackups(dir)[0];
    const due = newest ? newest.takenAt + intervalMs() : now();
    // setTimeout cannot wait longer than ~24.8 days; the interval is at most a week.
    const wait = Math.min(Math.max(0, due - now()), 2 ** 31 - 1);
    timer = setTimeout(() => {
      timer = undefined;
      void backupNow()
        .catch(() => undefined)
        .finally(() => {
          if (!started) return;
          // After a failure, try again in a while rather than at once (a full disk stays full).
          if (listBackups(dir)[0]?.takenAt === newest?.takenAt) {
            timer = setTimeout(schedule, Math.min(intervalMs(), HOUR_MS));
            timer.unref?.();
          } else schedule();
        });
    }, wait);
    timer.unref?.();
  }

  async function take(): Promise<BackupFile> {
    const startedAt = now();
    try {
      const taken = await takeBackup(db, dir, startedAt);
      const removed = pruneBackups(dir, options.settings().backupsKept);
      log.info('database backed up', { file: taken.file, ms: now() - startedAt, removed });
      return taken;
    } catch (error) {
      log.warn('database backup failed; the previous backups are kept', { dir, error });
      throw error;
    }
  }

  function backupNow(): Promise<BackupFile> {
    if (running) return running;
    const current = take();
    running = current;
    const clear = () => {
      if (running === current) running = undefined;
    };
    current.then(clear, clear);
    return current;
  }

  return {
    start() {
      started = true;
      try {
        if (existsSync(dir))
          for (const name of readdirSync(dir))
            if (PARTIAL.test(name)) rmSync(join(dir, name), { force: true });
      } catch (error) {
        log.warn('cannot clean up an interrupted backup', { dir, error });
      }
      schedule();
    },
    backupNow,
    reschedule: schedule,
    async stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
