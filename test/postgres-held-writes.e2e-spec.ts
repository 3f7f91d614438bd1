import { Client } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { UnitOfWork } from '../src/common/unit-of-work';
import { postgresOptions } from '../src/database/data-source-options';
import { readAfterHeld, writeAndForget } from '../src/database/held-writes';

const postgres = process.env.DATABASE_URL;
const INSERT = 'INSERT INTO "notes" ("id", "body", "size", "at", "data", "flag") VALUES ($1, $2, $3, $4, $5, $6)';

/** Counts the messages node-postgres is asked to send while `work` runs, and keeps their text. */
async function countingMessages<T>(work: () => Promise<T>): Promise<{ result: T; messages: number; texts: string[] }> {
  const query = Client.prototype.query;
  const texts: string[] = [];
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    texts.push(typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string }).text));
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    return { result: await work(), messages: texts.length, texts };
  } finally {
    Client.prototype.query = query;
  }
}

/**
 * The writes of a unit that nobody reads an answer from go to PostgreSQL as one message, their
 * values written as literals: what is stored must be exactly what was given, whatever the text.
 */
(postgres ? describe : describe.skip)('Writes held and sent together on PostgreSQL', () => {
  let dataSource: DataSource;
  let work: UnitOfWork;

  beforeAll(async () => {
    dataSource = await new DataSource(postgresOptions(postgres as string, 2)).initialize();
    work = new UnitOfWork(dataSource);
    await dataSource.query('CREATE TABLE "notes" ("id" integer PRIMARY KEY, "body" text, "size" double precision, "at" timestamptz, "data" json, "flag" boolean)');
  });

  afterEach(() => dataSource.query('DELETE FROM "notes"'));

  afterAll(async () => {
    await dataSource.query('DROP TABLE "notes"');
    await work.onApplicationShutdown();
    await dataSource.destroy();
  });

  const stored = () => work.read((manager) => manager.query('SELECT "id", "body", "size", "at", "data", "flag" FROM "notes" ORDER BY "id"'));

  it('sends a unit of inserts, its BEGIN and its COMMIT as one message, and keeps every value as given', async () => {
    const bodies = ["it's", "''; DROP TABLE notes; --", 'Lò Thị Pằng 🧒', '$1', 'back\\slash', "E'\\\\x' \\' ", '', null];
    const sizes = [0, -1.5, 1e21, 2 ** 53 - 1, 0.1 + 0.2, 7, 3, -0.000001];
    const at = new Date('2026-02-17T23:59:59.123Z');
    const data = { note: "quote ' and \\ backslash", nested: [1, 'hai'] };
    const { messages } = await countingMessages(() =>
      work.write(async (manager) => {
        for (const [i, body] of bodies.entries()) await writeAndForget(manager, INSERT, [i + 1, body, sizes[i], at, JSON.stringify(data), i % 2 === 0]);
      }),
    );
    expect(messages).toBe(1);
    expect(await stored()).toEqual(bodies.map((body, i) => ({ id: i + 1, body, size: sizes[i], at, data, flag: i % 2 === 0 })));
  });

  it('sends what is held before a read, so that the unit reads its own rows', async () => {
    const seen = await work.write(async (manager) => {
      await writeAndForget(manager, INSERT, [1, 'first', 1, null, null, null]);
      return manager.query('SELECT "body" FROM "notes"');
    });
    expect(seen).toEqual([{ body: 'first' }]);
  });

  it('answers a statement whose rows are needed in the same message as what is held', async () => {
    const { result, messages } = await countingMessages(() =>
      work.write(async (manager) => {
        await writeAndForget(manager, INSERT, [1, 'first', 1, null, null, null]);
        await writeAndForget(manager, INSERT, [2, "it's", 2, null, null, null]);
        return readAfterHeld<{ n: number; bodies: string }>(manager, 'SELECT count(*)::int AS n, string_agg("body", \'|\' ORDER BY "id") AS bodies FROM "notes" WHERE "size" < $1', [5]);
      }),
    );
    expect(result).toEqual([{ n: 2, bodies: "first|it's" }]);
    // BEGIN, both inserts and the select, then the COMMIT.
    expect(messages).toBe(2);
  });

  it('fails a statement held for its rows with the database error of its message, and nothing is written', async () => {
    const failing = work.write(async (manager) => {
      await writeAndForget(manager, INSERT, [1, 'first', 1, null, null, null]);
      await writeAndForget(manager, INSERT, [1, 'same id', 2, null, null, null]);
      return readAfterHeld<{ n: number }>(manager, 'SELECT count(*)::int AS n FROM "notes"', []);
    });
    await expect(failing).rejects.toThrow(QueryFailedError);
    await expect(failing).rejects.toMatchObject({ driverError: { code: '23505' } });
    expect(await stored()).toEqual([]);
  });

  it('sends a one-statement unit as that statement alone, its values bound, and it is stored once it settles', async () => {
    const data = { note: "quote ' and \\ backslash", nested: [1, 'hai'] };
    const { messages, texts } = await countingMessages(() =>
      work.write((manager) => writeAndForget(manager, INSERT, [1, "it's Lò Thị Pằng", 1.5, null, JSON.stringify(data), true]), { oneStatement: true }),
    );
    expect(messages).toBe(1);
    expect(texts).toEqual([INSERT]);
    expect(await stored()).toEqual([{ id: 1, body: "it's Lò Thị Pằng", size: 1.5, at: null, data, flag: true }]);
  });

  it('sends a value that has no literal with bound parameters, after what was held, in order', async () => {
    await work.write(async (manager) => {
      await writeAndForget(manager, INSERT, [1, 'before', 1, null, null, null]);
      await writeAndForget(manager, INSERT, [2, 'not a number', Number.NaN, null, null, null]);
      await writeAndForget(manager, INSERT, [3, 'after', 3, null, null, null]);
    });
    expect((await stored()).map((row: { body: string; size: number }) => [row.body, row.size])).toEqual([
      ['before', 1],
      ['not a number', Number.NaN],
      ['after', 3],
    ]);
  });

  it('rolls the whole unit back when a held insert fails, with the database error', async () => {
    const failing = work.write(async (manager) => {
      await writeAndForget(manager, INSERT, [1, 'kept only if all is', 1, null, null, null]);
      await writeAndForget(manager, INSERT, [1, 'same id', 2, null, null, null]);
    });
    await expect(failing).rejects.toThrow(QueryFailedError);
    await expect(failing).rejects.toMatchObject({ driverError: { code: '23505' } });
    expect(await stored()).toEqual([]);
    await work.write((manager) => writeAndForget(manager, INSERT, [2, 'next', 1, null, null, null]));
    expect((await stored()).map((row: { id: number }) => row.id)).toEqual([2]);
  });

  it('sends nothing when a unit fails before anything was sent, and nothing is written', async () => {
    const { messages } = await countingMessages(() =>
      expect(
        work.write(async (manager) => {
          await writeAndForget(manager, INSERT, [1, 'never', 1, null, null, null]);
          throw new Error('refused by the use case');
        }),
      ).rejects.toThrow('refused by the use case'),
    );
    expect(messages).toBe(0);
    expect(await stored()).toEqual([]);
  });
});
