import { Driver, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { StatementCache } from './statement-cache';
import { columnFor, prepared } from './writes';

/**
 * The hot read path's selects (a case, its history, its tasks), built once per table and shape
 * from TypeORM's own metadata and hydrated with the driver's own value conversion. `manager.find`
 * rebuilds its query, re-parses its aliases and maps every row through the query builder's result
 * transformer on each call, which cost more CPU than SQLite took to answer a case read.
 */
const statements = new StatementCache();

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
  let sql = statements.of(manager).get(key);
  if (!sql) {
    const name = (property: string) => driver.escape(column(property).databaseName);
    const conditions = whereKeys.map((k, i) => `${name(k)} = ${driver.createParameter(`p${i}`, i)}`);
    const order = select.orderBy?.length ? ` ORDER BY ${select.orderBy.map(name).join(', ')}` : '';
    sql = `SELECT ${metadata.columns.map((c) => driver.escape(c.databaseName)).join(', ')} FROM ${driver.escape(metadata.tableName)} WHERE ${conditions.join(' AND ')}${order}`;
    statements.of(manager).set(key, sql);
  }
  const params = whereKeys.map((k) => prepared(manager, column(k), select.where[k]));
  return entitiesOf(manager, entity, await manager.query(sql, params));
}

/** Rows selected with every column of `entity` under its own name, as entities (other columns are left out). */
export function entitiesOf<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: Array<Record<string, unknown>>): T[] {
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  return rows.map((row) => hydrated(metadata, driver, (c) => row[c.databaseName]) as T);
}

/** Rows of `entity` belonging to a parent row through `parentKey`, in the order given. */
export interface ChildRows<T extends ObjectLiteral> {
  entity: EntityTarget<T>;
  parentKey: keyof T & string;
  orderBy: Array<keyof T & string>;
}

type ChildSelects<C extends ObjectLiteral[]> = { [K in keyof C]: ChildRows<C[K]> };
type ChildLists<C extends ObjectLiteral[]> = { [K in keyof C]: C[K][] };

/** Statements built for each list of children: callers declare their list once, as a constant. */
const withChildren = new StatementCache<readonly ChildRows<ObjectLiteral>[]>();

/**
 * One row by its primary key with the rows of other tables that belong to it, in a single
 * statement: each child table comes back as one JSON array of rows, each row an array of column
 * values hydrated exactly as the driver's own would be. A single statement reads one consistent
 * snapshot without a transaction, so a case read is one round trip instead of five (BEGIN, three
 * selects, COMMIT); on this machine the driver's round trip, not SQLite's work, was most of a read.
 */
export async function selectWithChildren<T extends ObjectLiteral, C extends ObjectLiteral[]>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  children: [...ChildSelects<C>],
): Promise<{ row: T; children: ChildLists<C> } | null> {
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  let sql = withChildren.of(manager).get(children);
  if (!sql) {
    const postgres = manager.connection.options.type === 'postgres';
    const primary = driver.escape(metadata.primaryColumns[0].databaseName);
    const lists = children.map((child, i) => {
      const childMetadata = manager.connection.getMetadata(child.entity);
      const name = (property: string) => driver.escape(columnFor(manager, child.entity, property).databaseName);
      const values = childMetadata.columns.map((c) => `c.${driver.escape(c.databaseName)}`).join(', ');
      const order = child.orderBy.map((property) => `c.${name(property)}`).join(', ');
      const list = postgres ? `COALESCE(json_agg(json_build_array(${values}) ORDER BY ${order}), '[]'::json)` : `json_group_array(json_array(${values}) ORDER BY ${order})`;
      return `(SELECT ${list} FROM ${driver.escape(childMetadata.tableName)} c WHERE c.${name(child.parentKey)} = p.${primary}) AS "children_${i}"`;
    });
    const columns = metadata.columns.map((c) => `p.${driver.escape(c.databaseName)}`);
    sql = `SELECT ${[...columns, ...lists].join(', ')} FROM ${driver.escape(metadata.tableName)} p WHERE p.${primary} = ${driver.createParameter('p0', 0)}`;
    withChildren.of(manager).set(children, sql);
  }
  const [found]: Array<Record<string, unknown>> = await manager.query(sql, [id]);
  if (!found) return null;
  const lists = children.map((child, i) => {
    const childMetadata = manager.connection.getMetadata(child.entity);
    const encoded = found[`children_${i}`];
    // SQLite answers JSON as text, and its aggregate's ORDER BY drops the JSON subtype of each
    // element (3.44), leaving each row as text inside the list; node-postgres parses it all.
    const rows = (typeof encoded === 'string' ? JSON.parse(encoded) : encoded) as Array<unknown[] | string>;
    return rows.map((row) => {
      const values = typeof row === 'string' ? (JSON.parse(row) as unknown[]) : row;
      return hydrated(childMetadata, driver, (c, index) => fromJson(driver, c, values[index]));
    });
  });
  return { row: hydrated(metadata, driver, (c) => found[c.databaseName]) as T, children: lists as ChildLists<C> };
}

/** JSON carries a PostgreSQL `timestamptz` as text, which TypeORM's conversion leaves as text for that alias. */
function fromJson(driver: Driver, column: ColumnMetadata, value: unknown): unknown {
  return typeof value === 'string' && driver.normalizeType(column) === 'timestamp with time zone' ? new Date(value) : value;
}

function hydrated(metadata: EntityMetadata, driver: Driver, valueOf: (column: ColumnMetadata, index: number) => unknown): ObjectLiteral {
  const entity = metadata.create() as ObjectLiteral;
  metadata.columns.forEach((c, index) => c.setEntityValue(entity, driver.prepareHydratedValue(valueOf(c, index), c)));
  return entity;
}

/**
 * `column` is one of `values`, bound as the statement's first and only parameter: one text for any
 * number of values, which SQLite's read connections keep prepared (see PreparedStatements).
 */
export function oneOf(manager: EntityManager, column: string, values: string[]): { condition: string; param: unknown } {
  return manager.connection.options.type === 'postgres'
    ? { condition: `${column} = ANY($1)`, param: values }
    : { condition: `${column} IN (SELECT value FROM json_each(?))`, param: JSON.stringify(values) };
}
