import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../../../src/main/core/log/logger.ts';
import { openDatabase, type Db } from '../../../src/main/core/store/database.ts';
import { writeInSlices } from '../../../src/main/core/store/write-in-slices.ts';
import { countEventLoopTurns } from '../../helpers/event-loop.ts';

const log = createLogger(memorySink());
const dbs: Db[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.open && db.close()));

function setup() {
  const db = openDatabase({ path: ':memory:', log });
  dbs.push(db);
  db.exec('CREATE TABLE t (n INTEGER NOT NULL CHECK (n <> 13)); CREATE TABLE slices (rows INTEGER)');
  const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
  const count = () => db.prepare('SELECT count(*) FROM t').pluck().get() as number;
  return { db, insert, count };
}

describe('long writes in slices', () => {
  it('gives the event loop turns between slices, and writes everything', async () => {
    const { db, insert, count } = setup();
    const turns = countEventLoopTurns();
    await writeInSlices(db, 50, (i) => insert.run(100 + i), { sliceMs: 0 });
    // sliceMs 0: one item per slice, a turn after each but the last.
    expect(turns.stop()).toBeGreaterThanOrEqual(49);
    expect(count()).toBe(50);
  });

  it('runs endSlice inside each slice and committed after it', async () => {
    const { db, insert } = setup();
    const events: string[] = [];
    let inSlice = 0;
    await writeInSlices(
      db,
      3,
      (i) => {
        insert.run(i);
        inSlice++;
      },
      {
        sliceMs: 0,
        endSlice: () => {
          expect(db.inTransaction).toBe(true);
          db.prepare('INSERT INTO slices (rows) VALUES (?)').run(inSlice);
          events.push(`end:${inSlice}`);
          inSlice = 0;
        },
        committed: () => {
          expect(db.inTransaction).toBe(false);
          events.push('committed');
        },
      },
    );
    expect(events).toEqual(['end:1', 'committed', 'end:1', 'committed', 'end:1', 'committed']);
    expect(db.prepare('SELECT count(*) FROM slices').pluck().get()).toBe(3);
  });

  it('a failure rolls back only its own slice; the slices before stay', async () => {
    const { db, insert, count } = setup();
    let committed = 0;
    await expect(
      writeInSlices(db, 20, (i) => insert.run(i), { sliceMs: 0, committed: () => committed++ }),
    ).rejects.toThrow(/CHECK constraint/);
    expect(count()).toBe(13);
    expect(committed).toBe(13);
    expect(db.inTransaction).toBe(false);
  });

  it('does nothing for nothing', async () => {
    const { db, count } = setup();
    await writeInSlices(db, 0, () => {
      throw new Error('never');
    });
    expect(count()).toBe(0);
  });
});
