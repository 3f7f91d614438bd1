import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { selectRows } from '../src/database/reads';
import { insertRows, setRows } from '../src/database/writes';

const postgres = process.env.DATABASE_URL;

@Entity('cached_notes')
class Note {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 40 })
  body!: string;
}

/**
 * Statements are built from metadata once, but for each database its own: `?` means nothing to
 * PostgreSQL. (The service's own entities take their column types from the one database a process
 * runs on, so this one is the test's.)
 */
(postgres ? describe : describe.skip)('Statements built for SQLite and PostgreSQL open in one process', () => {
  let sources: DataSource[];

  beforeAll(async () => {
    sources = await Promise.all([
      new DataSource({ type: 'sqlite', database: join(mkdtempSync(join(tmpdir(), 'statement-cache-')), 'db.sqlite'), entities: [Note] }).initialize(),
      new DataSource({ type: 'postgres', url: postgres, entities: [Note] }).initialize(),
    ]);
    for (const source of sources) await source.query('CREATE TABLE "cached_notes" ("id" integer PRIMARY KEY, "body" varchar(40) NOT NULL)');
  });

  afterAll(async () => {
    for (const source of sources) {
      await source.query('DROP TABLE "cached_notes"');
      await source.destroy();
    }
  });

  it('writes and reads on each with its own placeholders, whichever built the statement first', async () => {
    const [sqlite, pg] = sources;
    for (const [i, source] of [sqlite, pg, sqlite, pg].entries()) {
      await source.transaction(async (manager) => {
        await insertRows(manager, Note, Object.assign(new Note(), { id: i, body: 'written' }));
        await setRows(manager, Note, { set: { body: `changed ${i}` }, where: { id: i } });
      });
      expect(await selectRows(source.manager, Note, { where: { id: i }, orderBy: ['id'] })).toEqual([{ id: i, body: `changed ${i}` }]);
    }
  });
});
