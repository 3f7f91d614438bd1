import * as sqlite3 from 'sqlite3';

/** One statement on a SQLite file through a connection of its own, opened and closed for it. */
export async function sqliteFromOutside(file: string, sql: string, params: unknown[] = []): Promise<void> {
  const connection = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(opened)));
  });
  try {
    connection.configure('busyTimeout', 5000);
    await new Promise<void>((resolve, reject) => connection.run(sql, params, (error) => (error ? reject(error) : resolve())));
  } finally {
    await new Promise<void>((resolve) => connection.close(() => resolve()));
  }
}
