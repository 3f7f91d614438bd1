import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { writeAndForget } from './held-writes';
import { StatementCache } from './statement-cache';

/**
 * The write path's statements, built once per table and shape from TypeORM's own metadata and
 * sent as plain parameterised SQL. TypeORM's query builders rebuild and re-parse each statement on
 * every call, which cost more than SQLite itself on the engine's hot path; column names, value
 * conversion (dates, JSON) and placeholders still come from TypeORM, so the SQL stays portable.
 */
const statements = new StatementCache();

export function columnFor(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, property: string): ColumnMetadata {
  const column = manager.connection.getMetadata(entity).findColumnWithPropertyName(property);
  if (!column) throw new Error(`No column for ${String(property)}`);
  return column;
}

export function prepared(manager: EntityManager, column: ColumnMetadata, value: unknown): unknown {
  return value === undefined ? null : manager.connection.driver.preparePersistentValue(value, column);
}

/** The columns an insert fills: our ids are made before the insert, and columns the database fills (`insert: false`) are left to it. */
export function insertedColumns(manager: EntityManager, entity: EntityTarget<ObjectLiteral>): ColumnMetadata[] {
  return manager.connection.getMetadata(entity).columns.filter((c) => c.isInsert && !(c.isGenerated && c.generationStrategy === 'increment'));
}

/** `INSERT INTO "table" ("a", "b")`, for a statement built once. */
export function insertHead(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, columns: ColumnMetadata[]): string {
  const driver = manager.connection.driver;
  return `INSERT INTO ${driver.escape(manager.connection.getMetadata(entity).tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')})`;
}

/** A row's values for `columns`, as the driver stores them. */
export function rowValues(manager: EntityManager, columns: ColumnMetadata[], row: ObjectLiteral): unknown[] {
  return columns.map((c) => prepared(manager, c, c.getEntityValue(row)));
}

/** Inserts rows and reads nothing back (see insertedColumns). `ifAbsent` leaves rows whose key is taken as they are. */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: T | T[], ifAbsent = false): Promise<void> {
  const list = Array.isArray(rows) ? rows : [rows];
  if (list.length === 0) return;
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const columns = insertedColumns(manager, entity);
  const key = `insert:${metadata.tableName}:${list.length}:${ifAbsent}`;
  let sql = statements.of(manager).get(key);
  if (!sql) {
    let index = 0;
    const values = list.map(() => `(${columns.map(() => driver.createParameter(`p${index}`, index++)).join(', ')})`);
    sql = `${insertHead(manager, entity, columns)} VALUES ${values.join(', ')}${ifAbsent ? ' ON CONFLICT DO NOTHING' : ''}`;
    statements.of(manager).set(key, sql);
  }
  await writeAndForget(manager, sql, list.flatMap((row) => rowValues(manager, columns, row)));
}

export interface RowUpdate<T> {
  set: Partial<T>;
  /** Columns to add one to, such as an optimistic version. */
  increment?: Array<keyof T & string>;
  /** Equality on each property; an array means "one of". */
  where: { [K in keyof T]?: T[K] | ReadonlyArray<T[K]> };
}

/** Updates the matching rows; answers how many changed. */
export async function updateRows<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, update: RowUpdate<T>): Promise<number> {
  const { sql, params } = updateStatement(manager, entity, update);
  if (!manager.queryRunner) throw new Error('updateRows runs inside a unit of work');
  const result = await manager.queryRunner.query(sql, params, true);
  return result.affected ?? 0;
}

/** Updates the matching rows when nothing needs to know how many: sent with the unit's other writes. */
export function setRows<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, update: RowUpdate<T>): Promise<void> {
  const { sql, params } = updateStatement(manager, entity, update);
  return writeAndForget(manager, sql, params);
}

function updateStatement<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, update: RowUpdate<T>): { sql: string; params: unknown[] } {
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const setKeys = Object.keys(update.set);
  const whereKeys = Object.keys(update.where);
  const sizes = whereKeys.map((k) => {
    const value = update.where[k];
    return Array.isArray(value) ? value.length : 0;
  });
  const key = `update:${metadata.tableName}:${setKeys}:${update.increment ?? ''}:${whereKeys}:${sizes}`;
  let sql = statements.of(manager).get(key);
  if (!sql) {
    let index = 0;
    const name = (property: string) => driver.escape(columnFor(manager, entity, property).databaseName);
    const param = () => driver.createParameter(`p${index}`, index++);
    const assignments = [
      ...setKeys.map((k) => `${name(k)} = ${param()}`),
      ...(update.increment ?? []).map((k) => `${name(k)} = ${name(k)} + 1`),
    ];
    const conditions = whereKeys.map((k, i) =>
      sizes[i] > 0 ? `${name(k)} IN (${Array.from({ length: sizes[i] }, param).join(', ')})` : `${name(k)} = ${param()}`,
    );
    sql = `UPDATE ${driver.escape(metadata.tableName)} SET ${assignments.join(', ')} WHERE ${conditions.join(' AND ')}`;
    statements.of(manager).set(key, sql);
  }
  const params = [
    ...setKeys.map((k) => prepared(manager, columnFor(manager, entity, k), update.set[k])),
    ...whereKeys.flatMap((k) => {
      const column = columnFor(manager, entity, k);
      const value = update.where[k];
      return Array.isArray(value) ? value.map((v: unknown) => prepared(manager, column, v)) : [prepared(manager, column, value)];
    }),
  ];
  return { sql, params };
}

export interface RowUpsert<T> {
  /** The columns of the unique key a conflict is found on. */
  key: Array<keyof T & string>;
  /** Columns that take the new row's value when one with the key exists. */
  set?: Array<keyof T & string>;
  /** Columns the existing row adds one to. */
  increment?: Array<keyof T & string>;
}

/** Inserts the row, or changes the one that has its key, in one statement: concurrent writers cannot both insert. */
export async function upsertRow<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, row: T, upsert: RowUpsert<T>): Promise<void> {
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const table = driver.escape(metadata.tableName);
  const key = `upsert:${metadata.tableName}:${upsert.key}:${upsert.set ?? ''}:${upsert.increment ?? ''}`;
  const columns = metadata.columns.filter((c) => !(c.isGenerated && c.generationStrategy === 'increment'));
  let sql = statements.of(manager).get(key);
  if (!sql) {
    const name = (property: string) => driver.escape(columnFor(manager, entity, property).databaseName);
    const assignments = [
      ...(upsert.set ?? []).map((k) => `${name(k)} = excluded.${name(k)}`),
      ...(upsert.increment ?? []).map((k) => `${name(k)} = ${table}.${name(k)} + 1`),
    ];
    sql =
      `INSERT INTO ${table} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) ` +
      `VALUES (${columns.map((_, i) => driver.createParameter(`p${i}`, i)).join(', ')}) ` +
      `ON CONFLICT (${upsert.key.map(name).join(', ')}) DO UPDATE SET ${assignments.join(', ')}`;
    statements.of(manager).set(key, sql);
  }
  await manager.query(sql, rowValues(manager, columns, row));
}
