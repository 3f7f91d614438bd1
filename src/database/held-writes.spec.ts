import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sqlite3 from 'sqlite3';
import { DataSource, QueryFailedError } from 'typeorm';
import { UnitOfWork } from '../common/unit-of-work';
import { sqliteOptions } from './data-source-options';
import { writeAndForget } from './held-writes';

/** Counts the round trips the driver is asked for, by kind, while a test runs. */
function countStatements(): { counts: Record<string, number>; stop: () => void } {
  const counts: Record<string, number> = {};
  const prototype = sqlite3.Database.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = Object.fromEntries(['run', 'all', 'exec'].map((name) => [name, prototype[name]]));
  for (const name of Object.keys(originals)) {
    prototype[name] = function (this: unknown, ...args: unknown[]) {
      counts[name] = (counts[name] ?? 0) + 1;
      return originals[name].apply(this, args);
    };
  }
  return { counts, stop: () => Object.assign(prototype, originals) };
}

const INSERT = 'INSERT INTO "notes" ("id", "body", "size") VALUES (?, ?, ?)';

describe('Writes held and sent together on SQLite', () => {
  let dataSource: DataSource;
  let work: UnitOfWork;

  beforeAll(async () => {
    dataSource = await new DataSource(sqliteOptions(join(mkdtempSync(join(tmpdir(), 'held-writes-')), 'db.sqlite'))).initialize();
    work = new UnitOfWork(dataSource);
    await dataSource.query('CREATE TABLE "notes" ("id" integer PRIMARY KEY, "body" text, "size" real)');
  });

  afterEach(() => dataSource.query('DELETE FROM "notes"'));

  afterAll(async () => {
    await work.onApplicationShutdown();
    await dataSource.destroy();
  });

  const stored = () => work.read((manager) => manager.query('SELECT "id", "body", "size" FROM "notes" ORDER BY "id"'));

  it('sends a unit of inserts, its BEGIN and its COMMIT as one exec, and keeps every value as given', async () => {
    const bodies = ["it's", "''; DROP TABLE notes; --", 'Lò Thị Pằng 🧒', '?', 'back\\slash', '', null];
    const sizes = [0, -1.5, 1e21, 2 ** 53 - 1, 0.1 + 0.2, 7, 3];
    const counting = countStatements();
    try {
      await work.write(async (manager) => {
        for (const [i, body] of bodies.entries()) await writeAndForget(manager, INSERT, [i + 1, body, sizes[i]]);
      });
    } finally {
      counting.stop();
    }
    expect(counting.counts).toEqual({ exec: 1 });
    expect(await stored()).toEqual(bodies.map((body, i) => ({ id: i + 1, body, size: sizes[i] })));
  });

  it('sends what is held before a read, so that the unit reads its own rows', async () => {
    const seen = await work.write(async (manager) => {
      await writeAndForget(manager, INSERT, [1, 'first', 1]);
      return manager.query('SELECT "body" FROM "notes"');
    });
    expect(seen).toEqual([{ body: 'first' }]);
  });

  it('sends text holding NUL with bound parameters, after what was held, in order', async () => {
    await work.write(async (manager) => {
      await writeAndForget(manager, INSERT, [1, 'before', 1]);
      await writeAndForget(manager, INSERT, [2, 'nul\0inside', 2]);
      await writeAndForget(manager, INSERT, [3, 'after', 3]);
    });
    expect((await stored()).map((row: { body: string }) => row.body)).toEqual(['before', 'nul\0inside', 'after']);
  });

  it('rolls the whole unit back when a held insert fails, with the database error', async () => {
    const failing = work.write(async (manager) => {
      await writeAndForget(manager, INSERT, [1, 'kept only if all is', 1]);
      await writeAndForget(manager, INSERT, [1, 'same id', 2]);
    });
    await expect(failing).rejects.toThrow(QueryFailedError);
    await expect(failing).rejects.toThrow(/UNIQUE constraint failed/);
    expect(await stored()).toEqual([]);
    // The next unit starts a transaction of its own, not a savepoint inside a stuck one.
    await work.write((manager) => writeAndForget(manager, INSERT, [2, 'next', 1]));
    expect(await stored()).toEqual([{ id: 2, body: 'next', size: 1 }]);
  });

  it('costs SQLite nothing when a unit fails before anything was sent, and nothing is written', async () => {
    const counting = countStatements();
    try {
      await expect(
        work.write(async (manager) => {
          await writeAndForget(manager, INSERT, [1, 'never', 1]);
          throw new Error('refused by the use case');
        }),
      ).rejects.toThrow('refused by the use case');
    } finally {
      counting.stop();
    }
    expect(counting.counts).toEqual({});
    expect(await stored()).toEqual([]);
  });

  it('gives the shared query runner back as it was, so that work outside a unit is sent at once', async () => {
    await work.write((manager) => writeAndForget(manager, INSERT, [1, 'inside', 1]));
    expect(Object.prototype.hasOwnProperty.call(dataSource.createQueryRunner(), 'query')).toBe(false);
    await writeAndForget(dataSource.manager, INSERT, [2, 'outside', 1]);
    expect(await stored()).toHaveLength(2);
  });
});
