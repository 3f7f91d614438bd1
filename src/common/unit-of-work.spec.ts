import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, QueryFailedError } from 'typeorm';
import { sqliteFromOutside } from '../../test/support/sqlite-outside';
import { sqliteOptions } from '../database/data-source-options';
import { UnitOfWork } from './unit-of-work';

/** A gate a test opens by hand, to hold a transaction open while it looks at others. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('UnitOfWork on a SQLite file', () => {
  let dataSource: DataSource;
  let work: UnitOfWork;

  beforeAll(async () => {
    dataSource = await new DataSource(sqliteOptions(join(mkdtempSync(join(tmpdir(), 'unit-of-work-')), 'db.sqlite'))).initialize();
    work = new UnitOfWork(dataSource);
    await dataSource.query('CREATE TABLE "marks" ("name" varchar(16) NOT NULL)');
  });

  afterAll(async () => {
    await work.onApplicationShutdown();
    await dataSource.destroy();
  });

  it('reads while a write is still open, and sees only what was committed', async () => {
    const held = gate();
    const inserted = gate();
    const writing = work.write(async (manager) => {
      await manager.query(`INSERT INTO "marks" ("name") VALUES ('uncommitted')`);
      inserted.open();
      await held.opened;
    });
    await inserted.opened;
    const during = await work.read((manager) => manager.query(`SELECT "name" FROM "marks"`));
    expect(during).toEqual([]);
    held.open();
    await writing;
    const after = await work.read((manager) => manager.query(`SELECT "name" FROM "marks"`));
    expect(after).toEqual([{ name: 'uncommitted' }]);
  });

  it('takes an urgent unit before the writes that were already waiting', async () => {
    const held = gate();
    const order: string[] = [];
    const first = work.write(async () => {
      await held.opened;
      order.push('running');
    });
    const queued = work.write(async () => void order.push('queued'));
    const urgent = work.write(async () => void order.push('urgent'), { urgent: true });
    held.open();
    await Promise.all([first, queued, urgent]);
    expect(order).toEqual(['running', 'urgent', 'queued']);
  });

  it('refuses a write through a read', async () => {
    await expect(work.read((manager) => manager.query(`INSERT INTO "marks" ("name") VALUES ('sneaked')`))).rejects.toThrow(/readonly/);
  });

  it('runs one statement on committed rows again and again, and answers a bad one with its error while the next still runs', async () => {
    const names = () => work.readStatement((manager) => manager.query(`SELECT "name" FROM "marks" WHERE "name" = ?`, ['statement']));
    expect(await names()).toEqual([]);
    await work.write((manager) => manager.query(`INSERT INTO "marks" ("name") VALUES ('statement')`));
    // Four connections each keep the statement: every one of them sees the commit.
    const answers = await Promise.all(Array.from({ length: 8 }, names));
    expect(answers).toEqual(Array.from({ length: 8 }, () => [{ name: 'statement' }]));
    await expect(work.readStatement((manager) => manager.query(`SELECT missing_column FROM "marks"`))).rejects.toThrow(QueryFailedError);
    await expect(work.readStatement((manager) => manager.query(`DELETE FROM "marks"`))).rejects.toThrow(/readonly/);
    expect(await names()).toEqual([{ name: 'statement' }]);
  });
});

describe('the change mark on a SQLite file', () => {
  let file: string;
  let dataSource: DataSource;
  let work: UnitOfWork;

  beforeAll(async () => {
    file = join(mkdtempSync(join(tmpdir(), 'change-mark-')), 'db.sqlite');
    dataSource = await new DataSource(sqliteOptions(file)).initialize();
    work = new UnitOfWork(dataSource);
    await dataSource.query('CREATE TABLE "marks" ("name" varchar(16) NOT NULL)');
    await work.read((manager) => manager.query('SELECT 1'));
  });

  afterAll(async () => {
    await work.onApplicationShutdown();
    await dataSource.destroy();
  });

  it('moves when a unit that may change rows is done, committed or not, and stays for reads and appends', async () => {
    const before = work.changeMark();
    const outside = work.outsideMark();
    await work.read((manager) => manager.query('SELECT "name" FROM "marks"'));
    await work.readStatement((manager) => manager.query('SELECT "name" FROM "marks"'));
    await work.write((manager) => manager.query(`INSERT INTO "marks" ("name") VALUES ('audit line')`), { urgent: true, appendOnly: true });
    expect(work.changeMark()).toBe(before);
    await work.write((manager) => manager.query(`INSERT INTO "marks" ("name") VALUES ('change')`));
    const written = work.changeMark();
    expect(written).not.toBe(before);
    await expect(
      work.write(async (manager) => {
        await manager.query(`INSERT INTO "marks" ("name") VALUES ('undone')`);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(work.changeMark()).not.toBe(written);
    // This process's own writes are not someone else's.
    expect(work.outsideMark()).toBe(outside);
  });

  it('moves, as does the outside mark, within a second or two of a commit by another process, and not without one', async () => {
    const before = work.changeMark();
    const outside = work.outsideMark();
    await new Promise((resolve) => setTimeout(resolve, 2200));
    expect(work.changeMark()).toBe(before);
    expect(work.outsideMark()).toBe(outside);
    await sqliteFromOutside(file, `INSERT INTO "marks" ("name") VALUES ('by hand')`);
    const until = Date.now() + 3000;
    while (work.changeMark() === before && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(work.changeMark()).not.toBe(before);
    expect(work.outsideMark()).not.toBe(outside);
  });
});

describe('UnitOfWork stopping', () => {
  it('lets a read still running finish before it closes its connections', async () => {
    const dataSource = await new DataSource(sqliteOptions(join(mkdtempSync(join(tmpdir(), 'unit-of-work-')), 'db.sqlite'))).initialize();
    const work = new UnitOfWork(dataSource);
    const held = gate();
    const started = gate();
    const reading = work.read(async (manager) => {
      started.open();
      await held.opened;
      return manager.query('SELECT 1 AS one');
    });
    await started.opened;
    let stopped = false;
    const stopping = work.onApplicationShutdown().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    held.open();
    await expect(reading).resolves.toEqual([{ one: 1 }]);
    await stopping;
    await dataSource.destroy();
  });
});
