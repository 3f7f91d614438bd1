import { Driver, EntityManager } from 'typeorm';

/**
 * Statements built once from TypeORM's metadata, kept for each database they were built for: the
 * placeholders, quoting and JSON functions are that driver's, so that a process with SQLite and
 * PostgreSQL open side by side (a migration tool, a test) never sends one the other's statement.
 */
export class StatementCache<K = string> {
  private readonly byDriver = new WeakMap<Driver, Map<K, string>>();

  of(manager: EntityManager): Map<K, string> {
    const driver = manager.connection.driver;
    let built = this.byDriver.get(driver);
    if (!built) {
      built = new Map();
      this.byDriver.set(driver, built);
    }
    return built;
  }
}
