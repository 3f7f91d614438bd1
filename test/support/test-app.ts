import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { APP_OPTIONS, configureApp } from '../../src/app.setup';
import { Clock } from '../../src/common/clock';
import { HttpAdapter } from '../../src/common/http-adapter';
import { sqliteFromOutside } from './sqlite-outside';
import { TestClock } from './test-clock';

export interface TestApp {
  app: INestApplication;
  url: string;
  clock: TestClock;
  dataSource: DataSource;
  /** A query straight to the database, with `?` placeholders whichever database it is. */
  query<T = any>(sql: string, params?: unknown[]): Promise<T>;
  close(): Promise<void>;
}

/** Tests that look at or tamper with SQLite itself (triggers by name, its JSON functions, the file). */
export const onSqlite = process.env.DATABASE_URL ? it.skip : it;

/** Tests of what only PostgreSQL has (wake-ups between instances). */
export const onPostgres = process.env.DATABASE_URL ? it : it.skip;

export function portableQuery(dataSource: DataSource, sql: string, params?: unknown[]): Promise<any> {
  let n = 0;
  return dataSource.query(dataSource.options.type === 'postgres' ? sql.replace(/\?/g, () => `$${++n}`) : sql, params);
}

/**
 * A change made from outside the service, as an operator's shell would: on SQLite through a
 * connection of its own to the file (the service notices within a second), on PostgreSQL through
 * the pool, which is already another session.
 */
export async function outsideQuery(testApp: TestApp, sql: string, params: unknown[] = []): Promise<void> {
  if (testApp.dataSource.options.type === 'postgres') return void (await testApp.query(sql, params));
  await sqliteFromOutside(testApp.dataSource.options.database as string, sql, params);
}

/** Asks `read` again until it answers what `expected` accepts, for up to `ms`; answers its last answer. */
export async function eventually<T>(read: () => Promise<T>, expected: (value: T) => boolean, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (expected(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The whole service, listening on a free local port, on this test file's SQLite file. */
export async function startApp(
  clock = new TestClock(new Date('2026-03-02T01:00:00Z')),
  configure: (builder: TestingModuleBuilder) => TestingModuleBuilder = (builder) => builder,
): Promise<TestApp> {
  const moduleRef = await configure(Test.createTestingModule({ imports: [AppModule] }).overrideProvider(Clock).useValue(clock)).compile();
  const app = configureApp(moduleRef.createNestApplication<NestExpressApplication>(new HttpAdapter(), APP_OPTIONS));
  try {
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app.close();
    throw error;
  }
  const url = await app.getUrl();
  return {
    app,
    url: url.replace('[::1]', '127.0.0.1'),
    clock,
    dataSource: app.get(DataSource),
    query: (sql, params) => portableQuery(app.get(DataSource), sql, params),
    close: () => app.close(),
  };
}

/** Removes the database's guard against changing (or deleting) a table's rows, as someone with the database in hand could. */
export async function dropGuard(testApp: TestApp, table: string, change: 'update' | 'delete'): Promise<void> {
  if (testApp.dataSource.options.type === 'postgres') await testApp.query(`DROP TRIGGER IF EXISTS "${table}_append_only" ON "${table}"`);
  else await testApp.query(`DROP TRIGGER "${table}_no_${change}"`);
}

/** Empties this test file's database, so that the next start migrates and seeds it again. */
export function resetDatabase(): void {
  if (process.env.DATABASE_URL) execFileSync('psql', [process.env.DATABASE_URL, '-q', '-c', 'SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public']);
  else for (const suffix of ['', '-wal', '-shm']) rmSync(`${process.env.DATABASE_PATH}${suffix}`, { force: true });
}

/** A JSON column as read straight from the database: text on SQLite, already parsed on PostgreSQL. */
export function jsonValue<T = any>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
