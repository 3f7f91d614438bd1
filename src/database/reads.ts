import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { columnFor, prepared } from './writes';

/**
 * The hot read path's selects (a case, its history, its tasks), built once per table and shape
 * from TypeORM's own metadata and hydrated with the driver's own value conversion. `manager.find`
 * rebuilds its query, re-parses its aliases and maps every row through the query builder's result
 * transformer on each call, which cost more CPU than SQLite took to answer a case read.
 */
const statements = new Map<string, string>();

export interface RowSelect<T> {
  /** Equality on each property. */
  where: { [K in keyof T]?: T[K] };
  /** Ascending, in this order. */
  orderBy?: Array<keyof T & string>;
}

/** The rows matching `where`, as entities. */
export async function selectRows<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, select: RowSelect<T>): Promise<T[]> {
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const whereKeys = Object.keys(select.where);
  const key = `${metadata.tableName}:${whereKeys}:${select.orderBy ?? ''}`;
  const column = (property: string) => columnFor(manager, entity, property);
  let sql = statements.get(key);
  if (!sql) {
    const name = (property: string) => driver.escape(column(property).databaseName);
    const conditions = whereKeys.map((k, i) => `${name(k)} = ${driver.createParameter(`p${i}`, i)}`);
    const order = select.orderBy?.length ? ` ORDER BY ${select.orderBy.map(name).join(', ')}` : '';
    sql = `SELECT ${metadata.columns.map((c) => driver.escape(c.databaseName)).join(', ')} FROM ${driver.escape(metadata.tableName)} WHERE ${conditions.join(' AND ')}${order}`;
    statements.set(key, sql);
  }
  const params = whereKeys.map((k) => prepared(manager, column(k), select.where[k]));
  const rows: Array<Record<string, unknown>> = await manager.query(sql, params);
  return rows.map((row) => {
    const found = metadata.create() as T;
    for (const c of metadata.columns) c.setEntityValue(found, driver.prepareHydratedValue(row[c.databaseName], c));
    return found;
  });
}
