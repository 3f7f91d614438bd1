import 'reflect-metadata';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../common/unit-of-work';
import { sqliteOptions } from './data-source-options';
import { WalCheckpoints } from './wal-checkpoints';

const ROWS = 2_000;
const ROW_BYTES = 2_048;

describe('WalCheckpoints', () => {
  let path: string;
  let dataSource: DataSource;
  let work: UnitOfWork;

  beforeAll(async () => {
    // The unit of work's own checkpointer runs every second: on a slow machine it would copy the log
    // during the writes below, which is its job but not what this test watches. Its timer waits here.
    jest.useFakeTimers({
      doNotFake: ['Date', 'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout'],
    });
    path = join(mkdtempSync(join(tmpdir(), 'wal-checkpoints-')), 'db.sqlite');
    dataSource = await new DataSource(sqliteOptions(path)).initialize();
    work = new UnitOfWork(dataSource);
    await dataSource.query('CREATE TABLE "pages" ("id" integer PRIMARY KEY, "body" text NOT NULL)');
  });

  afterAll(async () => {
    await work.onApplicationShutdown();
    await dataSource.destroy();
    jest.useRealTimers();
  });

  it('leaves the log to its own connection once reads begin, and that connection copies it into the file', async () => {
    await work.read((manager) => manager.query('SELECT 1'));
    const before = statSync(path).size;
    // About 4 MB, four times the 1,000 pages at which the writer would copy the log itself.
    for (let i = 0; i < 4; i += 1) {
      await work.write(async (manager) => {
        for (let j = 0; j < ROWS / 4; j += 1) await manager.query('INSERT INTO "pages" ("body") VALUES (?)', ['x'.repeat(ROW_BYTES)]);
      });
    }
    expect(statSync(path).size).toBe(before);
    const checkpoints = await WalCheckpoints.start(path, 60_000);
    try {
      await checkpoints.checkpoint();
    } finally {
      await checkpoints.stop();
    }
    expect(statSync(path).size).toBeGreaterThan(before + ROWS * ROW_BYTES);
    expect(await work.read((manager) => manager.query('SELECT count(*) AS n FROM "pages"'))).toEqual([{ n: ROWS }]);
  });
});
